using System.Runtime.InteropServices;
using ActorShutdown.TestKit;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// One <see cref="Scenario"/> on a system of its own: builds its tree, protects and loads it, runs the shutdown with
/// its reason to the end in virtual time (<see cref="ShutdownTestKit.RunShutdown"/>), and checks the report and the
/// journal with <see cref="ScenarioChecks"/>. Dispose it after.
/// </summary>
public sealed class ScenarioRun : ShutdownTestKit
{
    /// <summary>How long (real time) the actors may take to start or react before the run: a hang guard only.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    /// <summary>How often those conditions are polled: the actors take a millisecond or two, and TestKit's default polls at a tenth of the guard.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    private readonly Scenario _scenario;
    private readonly Journal _journal;
    private DateTimeOffset _start;

    private ScenarioRun(Scenario scenario, ITestOutputHelper? output) : base(scenario.Hocon, output)
    {
        _scenario = scenario;
        _journal = new Journal(Time);
        _journal.Listen(Sys);
        _start = Scheduler.Now;
    }

    /// <summary>Runs the scenario of <paramref name="seed"/> and checks it.</summary>
    /// <param name="seed">The scenario.</param>
    /// <param name="output">Where the system's log also goes as it comes, to replay a failing seed.</param>
    public static ScenarioOutcome Run(int seed, ITestOutputHelper? output = null)
    {
        var scenario = Scenario.Generate(seed);
        ScenarioRun? run = null;
        try
        {
            run = new ScenarioRun(scenario, output);
            return run.Run();
        }
        catch (Exception e)
        {
            return new ScenarioOutcome(seed, [e.ToString()], 0, 0, 0, new Dictionary<ActorFate, int>(), $"{scenario}{Environment.NewLine}  journal:{run?._journal.Describe(run._start)}");
        }
        finally
        {
            run?.Dispose();
        }
    }

    private ScenarioOutcome Run()
    {
        var blockers = new List<IActorRef>();
        foreach (var root in _scenario.Roots) _journal.Register(Sys.ActorOf(PropsOf(root), root.Name));
        var reporting = _scenario.Nodes.Where(n => n.Kind != ScenarioKind.Blocker).Select(n => n.Path).ToHashSet();
        AwaitCondition(() => _scenario.Nodes.All(n => _journal.Actors.ContainsKey(n.Path))
            && _journal.Seen.Count(s => s.What == "started" && reporting.Contains(s.Path)) == reporting.Count, Guard, Poll);

        foreach (var node in _scenario.Nodes)
        {
            var actor = _journal.Actors[node.Path];
            if (node.Protection == ScenarioProtection.Shield) Guardian.Shield(actor, node.Bound);
            if (node.Protection == ScenarioProtection.Exclude) Guardian.Exclude(actor);
            if (node.Kind == ScenarioKind.Blocker)
            {
                blockers.Add(actor);
                actor.Tell("block");
            }
            if (node.Kind != ScenarioKind.Worker) continue;
            actor.Tell("work");
            for (var i = 0; i < node.Messages; i++) actor.Tell(i);
        }
        // Every job under way on the clock before the shutdown starts, so the run takes the same steps every time.
        var workers = _scenario.Nodes.Count(n => n.Kind == ScenarioKind.Worker);
        AwaitCondition(() => _journal.Seen.Count(s => s.What == "working") == workers, Guard, Poll);

        // A blocked actor is abandoned in the cancel phase (or, shielded, outlasts the shield phase). Releasing it after
        // the guardian's phases, before the system terminates, lets Akka's last phase end without waiting out its
        // timeout in real time (akka-facts §1), which would cost seconds per scenario; and the guardian, still running
        // then, sees it stop every time (once the system terminates it may not: see StuckShieldTests).
        CoordinatedShutdown.Get(Sys).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "release-blockers", () =>
        {
            foreach (var blocker in blockers) Chaos.Release(blocker);
            return Task.FromResult(Akka.Done.Instance);
        });

        _start = Scheduler.Now;
        ScopeStart.Begin(Sys, _journal, _scenario.Reason switch
        {
            ScenarioReason.Unknown => CoordinatedShutdown.UnknownReason.Instance,
            ScenarioReason.Sigint => new SignalReason(PosixSignal.SIGINT),
            ScenarioReason.Sigterm => new SignalReason(PosixSignal.SIGTERM),
            _ => null,   // Terminate()
        });
        var report = RunShutdown().Result;   // joins the run

        var checks = new ScenarioChecks(_scenario, _journal, report, CoordinatedShutdown.Get(Sys));
        checks.Run();
        return new ScenarioOutcome(_scenario.Seed, checks.Failures, checks.DeadlineOverruns, checks.LostShieldedMessages, checks.ActorsAccounted,
            report.Actors.CountBy(a => a.Fate).ToDictionary(),
            $"{_scenario}{Environment.NewLine}  report:{Environment.NewLine}{report}{Environment.NewLine}  journal:{_journal.Describe(_start)}");
    }

    private Props PropsOf(ScenarioNode node) => node.Kind switch
    {
        ScenarioKind.Idle => IdleActor.Props(_journal),
        ScenarioKind.Resister => ResisterActor.Props(_journal, node.Swallow),
        ScenarioKind.SlowCleanup => SlowCleanupActor.Props(_journal, node.Duration, Time),
        ScenarioKind.Thrower => ThrowerActor.Props(_journal),
        ScenarioKind.Blocker => Chaos.BlocksThread(),
        ScenarioKind.Spawner => SpawnerActor.Props(_journal),
        ScenarioKind.Finisher => FinisherActor.Props(_journal, node.Duration, Time),
        ScenarioKind.Worker => WorkerActor.Props(_journal, node.Duration, Time, node.Swallow),
        _ => ParentActor.Props(_journal, node.Swallow, [.. node.Children.Select(c => (c.Name, PropsOf(c)))]),
    };
}
