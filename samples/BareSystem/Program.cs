using ActorShutdown;
using ActorShutdown.Configuration;

// A bare ActorSystem. Ctrl+C or SIGTERM runs its coordinated shutdown (run-by-signals = on by default);
// here the program also stops by itself after two seconds.
var config = ConfigurationFactory.ParseString("""
    actors.shutdown-guardian.cancel-interval = 500ms
    """);
await using var system = ActorSystem.Create("bare", config);

var ledger = system.ActorOf(Props.Create<Ledger>(), "ledger");
ShutdownGuardian.Get(system).Shield(ledger);   // never cancelled: it drains its queue, then stops
var worker = system.ActorOf(Props.Create(() => new Worker(ledger)), "worker");
for (var i = 1; i <= 5; i++) worker.Tell(new Job(i));

CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "say-goodbye", _ =>
{
    Console.WriteLine("shutting down");
    return Task.CompletedTask;
});

await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(2)));
var report = await CoordinatedShutdown.Get(system).Run(ShutdownReason.ActorSystemTerminate);
Console.WriteLine(report);   // what happened to each phase and actor
return report.ExitCode;      // 0 when clean, 3 when not

internal sealed record Job(int Id);

/// <summary>Works on one job at a time; cooperates with cancellation.</summary>
internal sealed class Worker : ReceiveActor
{
    public Worker(IActorRef ledger)
    {
        ReceiveAsync<Job>(async job =>
        {
            // Await with the actor's token: a cancel request interrupts the await right away.
            await Task.Delay(TimeSpan.FromMilliseconds(700), Context.System.Time, Context.CancellationToken);
            ledger.Tell($"job {job.Id} done");
        });
        ReceiveAsync<Cancel>(async cancel =>
        {
            // Clean up with the fresh token this Cancel came with (the next request would cut it short), then stop.
            Console.WriteLine($"worker: cancel request {cancel.Attempt}, cleaning up");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Context.System.Time, Context.CancellationToken);
            Context.Stop(Self);
        });
    }
}

internal sealed class Ledger : ReceiveActor
{
    public Ledger() => Receive<string>(line => Console.WriteLine($"ledger: {line}"));
}
