using ActorShutdown.Tests.Shutdown.Support;
using ActorShutdown.TestKit;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

/// <summary>What a host sees of a run (GetProgress, TaskNames) and how it ends one early (CutShort).</summary>
public class ProgressAndCutShortTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Progress_names_the_running_phase_and_the_time_since_the_run_started()
    {
        var shutdown = _h.Chain("one", "two");
        var started = Signal();
        shutdown.AddTask("two", "hang", Hanging(started));

        var before = shutdown.GetProgress();
        Assert.Null(before.Reason);
        Assert.Null(before.Phase);
        Assert.False(before.Completed);
        Assert.Equal(TimeSpan.Zero, before.Elapsed);

        var run = shutdown.Run(ShutdownReason.Unknown);
        await started.Task.WaitAsync(Guard);
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        var during = shutdown.GetProgress();
        Assert.Same(ShutdownReason.Unknown, during.Reason);
        Assert.Equal("two", during.Phase);
        Assert.Equal(TimeSpan.FromSeconds(2), during.Elapsed);
        Assert.False(during.Completed);

        _h.Time.Advance(TimeSpan.FromSeconds(3));   // "two" times out
        await run.WaitAsync(Guard);
        var after = shutdown.GetProgress();
        Assert.Null(after.Phase);
        Assert.True(after.Completed);
    }

    [Fact]
    public void TaskNames_lists_a_phases_tasks_in_the_order_they_were_added()
    {
        var shutdown = _h.Chain("one", "two");
        shutdown.AddTask("one", "b", Noop);
        shutdown.AddTask("one", "a", Noop);
        shutdown.AddTask("one", "b", Noop).Dispose();

        Assert.Equal(["b", "a"], shutdown.TaskNames("one"));
        Assert.Empty(shutdown.TaskNames("two"));
        Assert.Throws<ActorShutdown.Configuration.ConfigurationException>(() => shutdown.TaskNames("three"));
    }

    [Fact]
    public async Task Cut_short_ends_the_running_phase_at_once_and_the_phases_left_do_not_run()
    {
        var shutdown = _h.Create(Defaults());
        var started = Signal();
        var laterRan = false;
        var lastRan = Signal();
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "hang", Hanging(started));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "later", _ => { laterRan = true; return Task.CompletedTask; });
        shutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "last", token =>
        {
            // The last phase's tasks start, with their token cancelled at once.
            token.Register(() => lastRan.TrySetResult());
            return Task.Delay(Infinite, token);
        });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await started.Task.WaitAsync(Guard);
        shutdown.CutShort();
        var report = await run.WaitAsync(Guard);   // no clock advance: the cut alone ends it

        await lastRan.Task.WaitAsync(Guard);
        Assert.False(laterRan);
        Assert.False(report.Clean);
        Assert.Equal(3, report.ExitCode);
        var unbind = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceUnbind);
        Assert.True(unbind.TimedOut);
        Assert.True(unbind.Tasks.Single().TimedOut);
        var stop = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop);
        Assert.True(stop.TimedOut);
        Assert.Equal(TimeSpan.Zero, stop.Duration);
        Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseActorSystemTerminate).TimedOut);
        Assert.Contains(_h.Log.Entries.Select(e => e.Message), m => m.Contains("cut short during phase service-unbind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cut_short_after_the_run_has_ended_changes_nothing()
    {
        var shutdown = _h.Chain("one");
        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);
        shutdown.CutShort();
        Assert.True(report.Clean);
        Assert.True(shutdown.GetProgress().Completed);
    }
}

/// <summary>The guardian's side of the progress: actors in scope, left, shielded, and the cancel requests sent.</summary>
public sealed class GuardianProgressTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Progress_counts_the_actors_left_and_the_cancel_requests_the_guardian_sent()
    {
        var probe = CreateTestProbe();
        var resisting = ActorOf(Chaos.IgnoresCancel(probe), "resisting");
        var cooperative = ActorOf(Props.Create<Idle>(), "cooperative");
        var shielded = ActorOf(Props.Create<Idle>(), "shielded");
        ShutdownGuardian.Get(Sys).Shield(shielded);
        probe.ExpectMsg<ChaosEvent>(e => e.What == "started");
        var shutdown = CoordinatedShutdown.Get(Sys);
        Assert.Equal(0, shutdown.GetProgress().ActorsInScope);

        var run = shutdown.Run(ShutdownReason.Unknown);
        probe.ExpectMsg<ChaosEvent>(e => e.What == "cancel" && e.Attempt == 1);
        Watch(cooperative);
        ExpectTerminated(cooperative);
        AwaitCondition(() => shutdown.GetProgress() is { ActorsLeft: 2, CancelAttemptsSent: 2 });
        var progress = shutdown.GetProgress();
        Assert.Equal(CoordinatedShutdown.PhaseServiceRequestsDone, progress.Phase);
        Assert.Equal(3, progress.ActorsInScope);
        Assert.Equal(1, progress.ShieldedLeft);

        AwaitCondition(() => Time.ActiveTimers > 0);
        Time.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsg<ChaosEvent>(e => e.What == "cancel" && e.Attempt == 2);
        Assert.Equal(3, shutdown.GetProgress().CancelAttemptsSent);

        for (var i = 0; i < 20 && !run.IsCompleted; i++)
        {
            AwaitCondition(() => Time.ActiveTimers > 0 || run.IsCompleted);
            Time.Advance(TimeSpan.FromSeconds(1));
        }
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var end = shutdown.GetProgress();
        Assert.True(end.Completed);
        Assert.Equal(0, end.ShieldedLeft);
        Assert.Equal(0, end.ActorsLeft);
        _ = resisting;
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
