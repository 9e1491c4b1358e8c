using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// The seed: 100 workers of random length (1–8 s); after 4 s all are cancelled; each cancelled worker runs a cleanup of
/// random length (0–2 s) and ends. Workers that finished before the cancel are done. Behaves as the seed when every
/// worker either finished or was cancelled exactly once and completed its cleanup.
/// </summary>
internal static class CancelAllScenario
{
    private const int Units = 100;

    public static async Task<int> RunAsync(ScenarioClock clock, int seed, TextWriter output)
    {
        output.WriteLine($"scenario cancel-all: {Units} workers of random length (1-8 s); all cancelled after 4 s; each cleans up for a random time (0-2 s)");
        output.WriteLine($"  {clock.Note}; random seed {seed}");
        var random = new Random(seed);
        var events = new ConcurrentDictionary<int, UnitEvents>();
        // One cancel request each, and the next only after 40 s: no cleanup here (at most 2 s) is ever cut short.
        var system = ActorSystem.Create("cancel-all", ScenarioConfig.For(clock.Real(40), attempts: 1));
        var guardian = ShutdownGuardian.Get(system);
        var units = new List<IActorRef>();
        clock.Restart();
        for (var i = 1; i <= Units; i++)
        {
            var unit = new UnitEvents(i, 1 + random.NextDouble() * 7, random.NextDouble() * 2);
            events[i] = unit;
            units.Add(system.ActorOf(Props.Create(() => new Unit(unit, clock)), $"worker-{i}"));
        }

        await Task.Delay(clock.Real(4)).ConfigureAwait(false);
        var cancelAt = clock.Now;
        await CoordinatedShutdown.Get(system).Run(new CancelledAfter4S()).ConfigureAwait(false);
        var report = await guardian.Report.ConfigureAwait(false);

        var finished = events.Values.Where(u => u.FinishedAt is not null && u.CancelsSeen == 0).OrderBy(u => u.Id).ToList();
        var cancelled = events.Values.Where(u => u.CancelsSeen > 0).OrderBy(u => u.Id).ToList();
        var cleaned = cancelled.Where(u => u.CleanedUpAt is not null).ToList();
        output.WriteLine($"  {ScenarioClock.S(cancelAt)}  the cancel: the shutdown starts, every worker still running gets a cancel request");
        output.WriteLine($"  finished before the cancel: {finished.Count} worker(s){Range(finished.Select(u => u.Length), "lengths")}");
        output.WriteLine($"  cancelled: {cancelled.Count} worker(s){Range(cancelled.Select(u => u.Length), "lengths")}, " +
            $"{cancelled.Count(u => u.CancelsSeen == 1)} of them after exactly 1 cancel request");
        output.WriteLine($"  cleanup completed: {cleaned.Count} of {cancelled.Count}{Range(cleaned.Select(u => u.Cleanup), "cleanups")}" +
            (cleaned.Count > 0 ? $", the last at {ScenarioClock.S(cleaned.Max(u => u.CleanedUpAt!.Value))}" : ""));
        output.WriteLine($"  shutdown report: the guardian found {report.Actors.Count} worker(s) still alive at the cancel, " +
            $"{(report.Clean ? "clean" : "NOT clean")}, exit code {report.ExitCode}");

        var problems = new List<string>();
        var unaccounted = events.Values.Count(u => u.FinishedAt is null && u.CancelsSeen == 0);
        if (unaccounted > 0) problems.Add($"{unaccounted} worker(s) neither finished nor cancelled");
        if (cancelled.Any(u => u.CancelsSeen != 1)) problems.Add("a worker needed more than one cancel request");
        if (cleaned.Count != cancelled.Count) problems.Add($"{cancelled.Count - cleaned.Count} cleanup(s) did not complete");
        if (cancelled.Any(u => report.For(units[u.Id - 1]) is not { CancelAttempts: 1, Fate: ActorFate.Stopped }))
            problems.Add("the report disagrees: a cancelled worker is not 'stopped after 1 attempt'");
        if (!report.Clean) problems.Add("the shutdown was not clean");
        return Verdict.Print(output, problems, "every worker either finished or was cancelled once and completed its cleanup");
    }

    private static string Range(IEnumerable<double> values, string what)
    {
        var all = values.ToList();
        return all.Count == 0 ? "" : $" ({what} {ScenarioClock.S(all.Min())}-{ScenarioClock.S(all.Max())})";
    }

    /// <summary>The seed's reason: everything is cancelled after 4 s, on purpose (exit code 0).</summary>
    private sealed class CancelledAfter4S : CoordinatedShutdown.Reason
    {
        public override int ExitCode => 0;

        public override string ToString() => "cancelled-after-4s";
    }

    /// <summary>What one worker did, in seed seconds. Written by the worker's actor, read once the run has ended.</summary>
    private sealed class UnitEvents(int id, double length, double cleanup)
    {
        public int Id { get; } = id;
        public double Length { get; } = length;
        public double Cleanup { get; } = cleanup;
        public double? FinishedAt { get; set; }
        public int CancelsSeen { get; set; }
        public double? CleanedUpAt { get; set; }
    }

    private sealed class Unit : CancellableReceiveActor
    {
        public Unit(UnitEvents unit, ScenarioClock clock)
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(clock.Real(unit.Length), Context.CancellationToken).ConfigureAwait(true);
                unit.FinishedAt = clock.Now;
                Context.Stop(Self);
            });
            ReceiveAsync<Cancel>(async _ =>
            {
                unit.CancelsSeen++;
                await Task.Delay(clock.Real(unit.Cleanup), Context.CancellationToken).ConfigureAwait(true);
                unit.CleanedUpAt = clock.Now;
                Context.Stop(Self);
            });
        }

        protected override void PreStart() => Self.Tell("work", Self);
    }
}
