using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ActorShutdown.Configuration;
using ActorShutdown.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// Runs one <see cref="Scenario"/> on its own system and manual clock, and checks what the guardian promises:
/// the run ends within its budget (the sum of the phase timeouts, in manual time), every actor is accounted for
/// in the report, no shielded actor is cancelled before its bound, no shielded message is lost, and excluded
/// actors and the ancestors of protected ones are left alone.
/// </summary>
internal sealed class ScenarioRun
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(1);

    private readonly Scenario _scenario;
    private readonly DrivenClock _clock = new();
    private readonly LogCapture _logs;
    private readonly ConcurrentQueue<Seen> _journal = new();
    private readonly List<string> _failures = [];

    private ScenarioRun(Scenario scenario, ITestOutputHelper? output)
    {
        _scenario = scenario;
        _logs = new LogCapture(output);
    }

    /// <summary>Runs the scenario of <paramref name="seed"/>; returns what went wrong (empty when all is well).</summary>
    /// <param name="seed">The scenario.</param>
    /// <param name="output">Where to write the system's logs as they come (to replay a failing seed).</param>
    public static async Task<IReadOnlyList<string>> RunAsync(int seed, ITestOutputHelper? output = null)
    {
        var run = new ScenarioRun(Scenario.Generate(seed), output);
        try
        {
            await run.RunAsync();
        }
        catch (Exception e)
        {
            run._failures.Add(e.ToString());
        }
        if (run._failures.Count > 0)
        {
            // What happened, for the failure message: the system's log and what the actors reported, in order.
            run._failures.Add("log:" + string.Concat(run._logs.Lines.Where(l => !l.Message.StartsWith("Dead letter", StringComparison.Ordinal))
                .Select(l => $"{Environment.NewLine}    [{l.At:mm:ss.fff}] {l.Category}: {l.Text}")));
            run._failures.Add("journal:" + string.Concat(run._journal.Select(e => $"{Environment.NewLine}    [{e.At:mm:ss.fff}] {e.Path} {e.What} {e.Attempt}")));
        }
        return run._failures;
    }

    private async Task RunAsync()
    {
        var gates = new Dictionary<string, ManualResetEventSlim>();
        _logs.Clock = _clock.GetUtcNow;
        var system = ActorSystem.Create($"scenario-{_scenario.Seed}", ConfigurationFactory.ParseString(_scenario.Hocon), _logs, _clock);
        try
        {
            var journal = new Journal(_journal, _clock);
            var shutdown = CoordinatedShutdown.Get(system);
            var guardian = ShutdownGuardian.Get(system);
            foreach (var root in _scenario.Roots) system.ActorOf(PropsOf(root, journal, gates), root.Name);
            await Quiescence.SettleAsync(system, Guard, Blockers(system, gates));
            var refs = _scenario.Nodes.ToDictionary(n => n.Path, n => Resolve(system, n.Path));
            foreach (var node in _scenario.Nodes)
            {
                var actor = refs[node.Path];
                if (node.Protection == ScenarioProtection.Shield) guardian.Shield(actor, node.Bound);
                if (node.Protection == ScenarioProtection.Exclude) guardian.Exclude(actor);
                if (node.Kind == ScenarioKind.Blocker) actor.Tell("block");
                if (node.Kind != ScenarioKind.Worker) continue;
                actor.Tell("work");
                for (var i = 0; i < node.Messages; i++) actor.Tell(i);
            }
            await Quiescence.SettleAsync(system, Guard, Blockers(system, gates));

            Task run = _scenario.Reason switch
            {
                0 => shutdown.Run(ShutdownReason.Unknown),
                1 => shutdown.Run(ShutdownReason.Signal(PosixSignal.SIGINT)),
                2 => shutdown.Run(ShutdownReason.Signal(PosixSignal.SIGTERM)),
                _ => system.Terminate(),
            };
            await DriveAsync(system, run, gates);
            var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);   // the run's report, whoever started it
            Check(report, shutdown);
        }
        finally
        {
            foreach (var gate in gates.Values) gate.Set();
        }
    }

    /// <summary>Moves the clock from one timer to the next (at most <see cref="MaxStep"/> at a time) until the run ends, settling before each move.</summary>
    private async Task DriveAsync(ActorSystem system, Task run, Dictionary<string, ManualResetEventSlim> gates)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        var limit = _clock.GetUtcNow() + shutdown.TotalTimeout + TimeSpan.FromSeconds(5);
        // Once the phases are over nothing needs the clock (Terminate's task may still be finishing).
        while (!run.IsCompleted && !shutdown.Completion.IsCompleted)
        {
            await Quiescence.SettleAsync(system, Guard, Blockers(system, gates),
                () => run.IsCompleted || shutdown.Completion.IsCompleted || _logs.ClockMayMove(system, _clock.GetUtcNow()));
            if (run.IsCompleted || shutdown.Completion.IsCompleted) break;
            var now = _clock.GetUtcNow();
            if (now > limit) throw new InvalidOperationException($"The shutdown had not ended at {now:HH:mm:ss.fff} of manual time.");
            var next = _clock.NextDue ?? now + MaxStep;
            _clock.AdvanceTo(next < now + MaxStep ? next : now + MaxStep);
        }
        await run.WaitAsync(Guard);
    }

    /// <summary>The blocked actors still attached (their gates are opened as soon as they are abandoned).</summary>
    private static IReadOnlyCollection<IActorRef> Blockers(ActorSystem system, Dictionary<string, ManualResetEventSlim> gates)
    {
        var blocked = new List<IActorRef>();
        foreach (var (path, gate) in gates)
        {
            if (gate.IsSet) continue;
            var cell = (ActorCell?)TryResolve(system, path);
            if (cell is null || cell.IsDetached) gate.Set();
            else blocked.Add(cell);
        }
        return blocked;
    }

    private void Check(ShutdownReport report, CoordinatedShutdown shutdown)
    {
        var runStart = report.StartedAt;
        var phaseStart = _logs.Lines
            .Where(l => l.Category == "ActorShutdown.CoordinatedShutdown" && l.Message.StartsWith("Phase ", StringComparison.Ordinal) && l.Message.Contains(" starting with", StringComparison.Ordinal))
            .ToDictionary(l => l.Message.Split(' ')[1], l => l.At);
        var t0 = phaseStart[CoordinatedShutdown.PhaseServiceRequestsDone];
        var terminating = phaseStart[CoordinatedShutdown.PhaseActorSystemTerminate];
        var shieldPhase = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop);
        var shieldsEnd = shieldPhase.TimedOut ? phaseStart[shieldPhase.Name] + shutdown.Timeout(shieldPhase.Name) : DateTimeOffset.MaxValue;
        var events = _journal.ToLookup(e => e.Path);
        var nodes = _scenario.Nodes.ToDictionary(n => n.Path);

        // The budget: the whole run within the sum of the phase timeouts, each phase within its own.
        Expect(report.Duration <= shutdown.TotalTimeout, $"the run took {report.Duration}, over its budget of {shutdown.TotalTimeout}");
        foreach (var phase in report.Phases)
            Expect(phase.Duration <= shutdown.Timeout(phase.Name), $"phase {phase.Name} took {phase.Duration}, over its timeout of {shutdown.Timeout(phase.Name)}");

        // Every actor accounted for, once; no one outside /user.
        Expect(report.Actors.Select(a => a.Path).Distinct().Count() == report.Actors.Count, "an actor is in the report twice");
        foreach (var node in nodes.Values)
            Expect(report.Actors.Any(a => a.Path == node.Path), $"{node.Path} is missing from the report");
        foreach (var entry in report.Actors)
        {
            var known = nodes.ContainsKey(entry.Path)
                || nodes.Values.Any(n => n.Kind == ScenarioKind.Spawner && entry.Path.StartsWith(n.Path + "/spawned-", StringComparison.Ordinal));
            Expect(known, $"{entry.Path} is in the report but is no actor of the scenario");
            Expect(entry.Fate != ActorFate.Running, $"{entry.Path} is reported running after the system terminated");
        }

        foreach (var node in nodes.Values)
        {
            var outcome = report.Actors.Single(a => a.Path == node.Path);
            var stoppedAt = runStart + outcome.StoppedAfter;
            var seen = events[node.Path].ToList();
            var cancels = seen.Where(e => e.What == "cancel").Select(e => e.At).ToList();
            var protection = Protection(node);

            if (node.Kind == ScenarioKind.Thrower && outcome.Fate != ActorFate.Abandoned)
                Expect(outcome.Failure is InvalidOperationException, $"{node.Path} threw in its cleanup, but the report has {outcome.Failure?.GetType().Name ?? "no failure"}");

            if (protection is { Excluded: true } || HasExcludedDescendant(node))
            {
                // Excluded (or holding an excluded descendant): never cancelled, never drained; stops with the system.
                Expect(cancels.Count == 0 && outcome.CancelAttempts == 0, $"{node.Path} is excluded or holds an excluded actor, yet was cancelled ({outcome.CancelAttempts} attempts)");
                if (node.Kind != ScenarioKind.Finisher)   // that one stops by itself
                    Expect(stoppedAt >= terminating, $"{node.Path} is excluded or holds an excluded actor, yet stopped at {outcome.StoppedAfter}, before the last phase");
                Expect(protection is { Excluded: true } == outcome.Excluded, $"{node.Path}: Excluded is {outcome.Excluded} in the report");
                continue;
            }

            if (protection is { } shield)
            {
                // Shielded: no Cancel, no tripped token before the shield ends.
                var deadline = Min(shield.Bound is { } bound ? t0 + bound : DateTimeOffset.MaxValue, shieldsEnd);
                var early = seen.Where(e => e.What is "cancel" or "tripped" && e.At < deadline).ToList();
                Expect(early.Count == 0, $"{node.Path} is shielded until {Describe(deadline, runStart)}, yet saw {string.Join(", ", early.Select(e => $"{e.What} at {e.At - runStart}"))}");
                Expect(outcome.Shielded, $"{node.Path} is shielded, but not in the report");
                if (node.Kind == ScenarioKind.Worker && seen.All(e => e.What is not ("cancel" or "tripped")))
                {
                    var stopped = seen.LastOrDefault(e => e.What == "stopped");
                    Expect(stopped is not null && stopped.Count == node.Messages && !stopped.Tripped,
                        $"{node.Path} is shielded and was never cancelled, yet processed {stopped?.Count} of {node.Messages} messages (token tripped: {stopped?.Tripped})");
                }
            }

            // Not cancelled while a shielded descendant of its own shield's making is still protected and alive.
            foreach (var descendant in node.SelfAndDescendants().Skip(1).Where(d => Protection(d) is { Excluded: false } p && p.Owner != protection?.Owner))
            {
                var held = Protection(descendant)!.Value;
                var deadline = Min(held.Bound is { } b ? t0 + b : DateTimeOffset.MaxValue, shieldsEnd);
                var releasedAt = Min(runStart + report.Actors.Single(a => a.Path == descendant.Path).StoppedAfter, deadline);
                var early = cancels.Where(c => c < releasedAt).ToList();
                Expect(early.Count == 0, $"{node.Path} was cancelled at {string.Join(", ", early.Select(c => c - runStart))} while its shielded descendant {descendant.Path} was protected (until {Describe(releasedAt, runStart)})");
            }
        }

        if (report.Actors.Any(a => a.Fate == ActorFate.Abandoned))
            Expect(report.ExitCode == 3 && !report.Clean, $"an actor was abandoned, but the exit code is {report.ExitCode}");
    }

    /// <summary>The registration (Shield, Exclude or pattern) that covers a node: its own, else its nearest protected ancestor's.</summary>
    private (bool Excluded, TimeSpan? Bound, string Owner)? Protection(ScenarioNode node)
    {
        for (var path = node.Path; path.Length > "/user".Length; path = path[..path.LastIndexOf('/')])
        {
            var owner = _scenario.Nodes.Single(n => n.Path == path);
            switch (owner.Protection)
            {
                case ScenarioProtection.Exclude or ScenarioProtection.ExcludedPath:
                    return (true, null, owner.Path);
                case ScenarioProtection.Shield:
                    return (false, owner.Bound ?? _scenario.ShieldTimeout, owner.Path);
                case ScenarioProtection.ShieldedPath:
                    return (false, _scenario.ShieldTimeout, owner.Path);
            }
        }
        return null;
    }

    private bool HasExcludedDescendant(ScenarioNode node) => node.SelfAndDescendants().Skip(1).Any(d => Protection(d) is { Excluded: true });

    private void Expect(bool condition, string failure)
    {
        if (!condition) _failures.Add(failure);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Describe(DateTimeOffset at, DateTimeOffset runStart) => at == DateTimeOffset.MaxValue ? "the end" : (at - runStart).ToString();

    private Props PropsOf(ScenarioNode node, IActorRef journal, Dictionary<string, ManualResetEventSlim> gates) => node.Kind switch
    {
        ScenarioKind.Idle => Idle.Props,
        ScenarioKind.Resister => node.Swallow == int.MaxValue ? Chaos.IgnoresCancel(journal) : Chaos.SwallowsCancels(node.Swallow, journal),
        ScenarioKind.SlowCleanup => Chaos.SlowCleanup(node.Duration, interruptible: true, journal),
        ScenarioKind.Thrower => Chaos.ThrowsInCleanup(journal),
        ScenarioKind.Blocker => Chaos.BlocksThread(gates[node.Path] = new ManualResetEventSlim(), journal),
        ScenarioKind.Spawner => Chaos.SpawnsChildrenWhileStopping(2, journal),
        ScenarioKind.Finisher => Chaos.FinishesAt(node.Duration, journal),
        ScenarioKind.Worker => Worker.Props(journal, node.Duration, jobHearsToken: true, node.Swallow),
        _ => Parent.Props(journal, node.Swallow, [.. node.Children.Select(c => (c.Name, PropsOf(c, journal, gates)))]),
    };

    private static IActorRef Resolve(ActorSystem system, string path) =>
        TryResolve(system, path) ?? throw new InvalidOperationException($"{path} did not start");

    private static IActorRef? TryResolve(ActorSystem system, string path)
    {
        IActorRef? actor = system.UserGuardian;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            actor = ((ActorCell?)actor)?.Child(name);
        return actor;
    }

    /// <summary>
    /// Keeps what the scenario's actors report, stamped with the clock's reading when they tell it. Not an actor: an
    /// actor under /system could be stopped with the last reports still in its mailbox when the system terminates.
    /// </summary>
    private sealed class Journal(ConcurrentQueue<Seen> journal, DrivenClock clock) : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root.Child("journal");

        public void Tell(object message, IActorRef? sender = null)
        {
            switch (message)
            {
                case Seen seen: journal.Enqueue(seen); break;
                case ChaosEvent chaos: journal.Enqueue(new Seen(chaos.Path.ToString(), chaos.What, clock.GetUtcNow(), chaos.Attempt)); break;
            }
        }

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
    }
}
