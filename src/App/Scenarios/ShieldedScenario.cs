using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// The seed: 3 shielded and 3 unshielded workers, each with 10 s of work; Ctrl+C (SIGINT) after 1 s cancels the
/// unshielded ones, while the shielded ones finish their work. Here the system handles signals itself (a bare
/// <see cref="ActorSystem"/>, <c>run-by-signals = on</c>) and the scenario sends SIGINT to its own process.
/// </summary>
internal static class ShieldedScenario
{
    public static async Task<int> RunAsync(ScenarioClock clock, TextWriter output)
    {
        output.WriteLine("scenario shielded: 3 shielded and 3 unshielded workers, each with 10 s of work; Ctrl+C after 1 s");
        output.WriteLine($"  {clock.Note}");
        var results = new ConcurrentDictionary<string, string>();
        void Say(string what) => output.WriteLine($"  {ScenarioClock.S(clock.Now)}  {what}");

        var system = ActorSystem.Create("shielded", ScenarioConfig.For(clock.Real(1), runBySignals: true));
        var guardian = ShutdownGuardian.Get(system);
        var workers = new List<IActorRef>();
        clock.Restart();
        for (var i = 1; i <= 6; i++)
        {
            var shielded = i <= 3;
            var worker = system.ActorOf(Props.Create(() => new Worker(clock, results, Say)), shielded ? $"shielded-{i}" : $"unshielded-{i - 3}");
            if (shielded) guardian.Shield(worker);
            workers.Add(worker);
        }
        Say("6 workers start their work: shielded-1..3 (shielded) and unshielded-1..3");

        await Task.Delay(clock.Real(1), system.Time).ConfigureAwait(false);
        Say("Ctrl+C: SIGINT sent to this process");
        Signals.Send(Environment.ProcessId, PosixSignal.SIGINT);
        await system.WhenTerminated.ConfigureAwait(false);
        // The signal started the run; Run returns that run's report.
        var report = await CoordinatedShutdown.Get(system).Run(ShutdownReason.Unknown).ConfigureAwait(false);

        var finished = workers.Where(w => results.GetValueOrDefault(w.Path.Name) == "finished").Select(w => w.Path.Name).ToList();
        var cancelled = workers.Where(w => results.GetValueOrDefault(w.Path.Name) == "cancelled").Select(w => w.Path.Name).ToList();
        output.WriteLine($"  finished: {finished.Count} ({string.Join(", ", finished)}); cancelled: {cancelled.Count} ({string.Join(", ", cancelled)})");
        output.WriteLine($"  shutdown report: reason {report.Reason.Name}, {(report.Clean ? "clean" : "NOT clean")}, exit code {report.ExitCode}; " +
            string.Join(", ", workers.Select(w => report.For(w) is { } o ? $"{w.Path.Name} {o.Fate.ToString().ToLowerInvariant()} ({o.CancelAttempts} cancel requests)" : $"{w.Path.Name} ?")));

        var problems = new List<string>();
        if (!finished.SequenceEqual(["shielded-1", "shielded-2", "shielded-3"])) problems.Add("the shielded workers did not all finish");
        if (!cancelled.SequenceEqual(["unshielded-1", "unshielded-2", "unshielded-3"])) problems.Add("the unshielded workers were not all cancelled");
        if (workers.Take(3).Any(w => report.For(w) is not { Shielded: true, CancelAttempts: 0, Fate: ActorFate.Drained })) problems.Add("a shielded worker was cancelled");
        if (report.Reason.Name != "SIGINT") problems.Add($"the shutdown's reason is {report.Reason.Name}, not SIGINT");
        if (!report.Clean) problems.Add("the shutdown was not clean");
        return Verdict.Print(output, problems, "on SIGINT the 3 unshielded workers were cancelled and the 3 shielded ones finished their work");
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker(ScenarioClock clock, ConcurrentDictionary<string, string> results, Action<string> say)
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(clock.Real(10), Context.System.Time, Context.CancellationToken).ConfigureAwait(true);
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
