using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// The seed: 3 shielded and 3 unshielded workers, each with 10 s of work; Ctrl+C (SIGINT) after 1 s cancels the
/// unshielded ones, while the shielded ones finish their work. Here a bare <see cref="ActorSystem"/> handles the signal
/// itself (<c>run-by-signals = on</c>) and the scenario sends SIGINT to its own process. A signal-driven shutdown ends
/// the process with the report's exit code, so the scenario judges in the last phase before the system terminates:
/// when it did not behave as described, that task fails, the report is not clean, and the exit code is not 0.
/// </summary>
internal static class ShieldedScenario
{
    public static async Task<int> RunAsync(ScenarioClock clock, TextWriter output)
    {
        output.WriteLine("scenario shielded: 3 shielded and 3 unshielded workers, each with 10 s of work; Ctrl+C after 1 s");
        output.WriteLine($"  {clock.Note}");
        var results = new ConcurrentDictionary<string, string>();
        Action<string> say = what => output.WriteLine($"  {ScenarioClock.S(clock.Now)}  {what}");

        var system = ActorSystem.Create("shielded", ScenarioConfig.For(clock.Real(1), attempts: 10, runBySignals: true));
        var guardian = ShutdownGuardian.Get(system);
        var workers = new List<IActorRef>();
        clock.Restart();
        for (var i = 1; i <= 6; i++)
        {
            var shielded = i <= 3;
            var worker = system.ActorOf(Props.Create(() => new Worker(clock, results, say)), shielded ? $"shielded-{i}" : $"unshielded-{i - 3}");
            if (shielded) guardian.Shield(worker);
            workers.Add(worker);
        }
        say("6 workers start their work: shielded-1..3 (shielded) and unshielded-1..3");
        guardian.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "judge", _ =>
        {
            var verdict = Judge(workers, results, CoordinatedShutdown.Get(system).ShutdownReason, output);
            return verdict == 0 ? Task.CompletedTask : Task.FromException(new InvalidOperationException("the scenario did not behave as its seed"));
        });

        await Task.Delay(clock.Real(1)).ConfigureAwait(false);
        say("Ctrl+C: SIGINT sent to this process");
        Signals.Send(Environment.ProcessId, PosixSignal.SIGINT);
        // The guardian ends the process with the report's exit code once the report completes; until then, wait.
        var report = await guardian.Report.ConfigureAwait(false);
        return report.ExitCode;
    }

    private static int Judge(List<IActorRef> workers, ConcurrentDictionary<string, string> results, CoordinatedShutdown.Reason? reason, TextWriter output)
    {
        var finished = workers.Where(w => results.GetValueOrDefault(w.Path.Name) == "finished").Select(w => w.Path.Name).ToList();
        var cancelled = workers.Where(w => results.GetValueOrDefault(w.Path.Name) == "cancelled").Select(w => w.Path.Name).ToList();
        output.WriteLine($"  finished: {finished.Count} ({string.Join(", ", finished)}); cancelled: {cancelled.Count} ({string.Join(", ", cancelled)}); reason {reason}");
        var problems = new List<string>();
        if (!finished.SequenceEqual(["shielded-1", "shielded-2", "shielded-3"])) problems.Add("the shielded workers did not all finish");
        if (!cancelled.SequenceEqual(["unshielded-1", "unshielded-2", "unshielded-3"])) problems.Add("the unshielded workers were not all cancelled");
        if (reason is not SignalReason { Signal: PosixSignal.SIGINT }) problems.Add($"the shutdown's reason is {reason}, not SIGINT");
        return Verdict.Print(output, problems, "on SIGINT the 3 unshielded workers were cancelled and the 3 shielded ones finished their work");
    }

    private sealed class Worker : CancellableReceiveActor
    {
        public Worker(ScenarioClock clock, ConcurrentDictionary<string, string> results, Action<string> say)
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(clock.Real(10), Context.CancellationToken).ConfigureAwait(true);
                results[Self.Path.Name] = "finished";
                say($"{Self.Path.Name} finished its 10 s of work");
            });
            Receive<Cancel>(cancel =>
            {
                results[Self.Path.Name] = "cancelled";
                say($"{Self.Path.Name} cancelled (request {cancel.Attempt})");
                Context.Stop(Self);
            });
        }

        protected override void PreStart() => Self.Tell("work", Self);
    }
}
