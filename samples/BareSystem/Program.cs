using ActorShutdown;
using Akka.Actor;
using Akka.Configuration;

// A bare ActorSystem with the guardian. Ctrl+C or SIGTERM runs its coordinated shutdown (run-by-signals = on by
// default) and exits with the report's exit code; here the program also stops by itself after two seconds.
var config = ConfigurationFactory.ParseString("""
    akka.shutdown-guardian {
      cancel-interval = 500ms
      max-cancel-attempts = 4   # 4 × 500ms + escalation-timeout (2s) fits the cancel phase's 5s
    }
    akka.log-dead-letters = 0
    """);
var system = ActorSystem.Create("bare", config);
var guardian = ShutdownGuardian.Get(system);

var ledger = system.ActorOf(Props.Create<Ledger>(), "ledger");
guardian.Shield(ledger);   // never cancelled: it drains its queue, then stops
var worker = system.ActorOf(Props.Create(() => new Worker(ledger)), "worker");
for (var i = 1; i <= 5; i++) worker.Tell(new Job(i));

guardian.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "say-goodbye", _ =>
{
    Console.WriteLine("shutting down");
    return Task.CompletedTask;
});

await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(2)));
_ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
var report = await guardian.Report;
Console.WriteLine(report);   // what happened to each phase and actor
return report.ExitCode;      // 0 when clean, 70 when not

internal sealed record Job(int Id);

/// <summary>Works on one job at a time; cooperates with cancellation.</summary>
internal sealed class Worker : CancellableReceiveActor
{
    public Worker(IActorRef ledger)
    {
        ReceiveAsync<Job>(async job =>
        {
            // Await with the actor's token: a cancel request interrupts the await right away.
            await Task.Delay(TimeSpan.FromMilliseconds(700), Context.CancellationToken);
            ledger.Tell($"job {job.Id} done");
        });
        ReceiveAsync<Cancel>(async cancel =>
        {
            // Clean up with the fresh token this Cancel came with (the next request would cut it short), then stop.
            Console.WriteLine($"worker: cancel request {cancel.Attempt}, cleaning up");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Context.CancellationToken);
            Context.Stop(Self);
        });
    }
}

internal sealed class Ledger : ReceiveActor
{
    public Ledger() => Receive<string>(line => Console.WriteLine($"ledger: {line}"));
}
