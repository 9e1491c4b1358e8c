using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit.Tests;

public sealed class RunShutdownTests(ITestOutputHelper output) : ShutdownTestKit(Hocon, output)
{
    // A short last phase: a blocked actor keeps the system from terminating, and Akka ends that phase only once
    // its timeout has also passed in real time.
    private const string Hocon = "akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 2s";

    private sealed class Idle : ReceiveActor;

    [Fact]
    public async Task Idle_actors_make_a_clean_report()
    {
        var actors = Enumerable.Range(0, 5).Select(i => Sys.ActorOf(Props.Create(() => new Idle()), $"idle-{i}")).ToList();

        var report = await RunShutdown();

        Assert.True(report.Clean, report.ToString());
        Assert.All(actors, a => Assert.Equal(ActorFate.Stopped, report.For(a)?.Fate));
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task RunShutdown_returns_the_guardians_report_with_the_reason_given()
    {
        var run = RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.Same(Guardian.Report, run);
        Assert.IsType<CoordinatedShutdown.ClrExitReason>((await run).Reason);
    }

    [Fact]
    public async Task RunShutdown_joins_a_shutdown_already_started()
    {
        Sys.ActorOf(Chaos.IgnoresCancel(), "resister");
        _ = CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ClrExitReason.Instance);

        var report = await RunShutdown();

        Assert.IsType<CoordinatedShutdown.ClrExitReason>(report.Reason);
    }

    [Fact]
    public async Task An_actor_that_ignores_cancel_is_escalated_after_every_attempt()
    {
        var resister = Sys.ActorOf(Chaos.IgnoresCancel(), "resister");
        var maxAttempts = Sys.Settings.Config.GetInt("akka.shutdown-guardian.max-cancel-attempts");

        var report = await RunShutdown();

        var outcome = report.For(resister);
        Assert.NotNull(outcome);
        Assert.Equal(ActorFate.Escalated, outcome.Fate);
        Assert.Equal(maxAttempts, outcome.CancelAttempts);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task An_actor_that_swallows_two_cancels_stops_on_the_third()
    {
        var actor = Sys.ActorOf(Chaos.SwallowsCancels(2), "swallower");

        var report = await RunShutdown();

        Assert.Equal(ActorFate.Stopped, report.For(actor)?.Fate);
        Assert.Equal(3, report.For(actor)?.CancelAttempts);
    }

    [Fact]
    public async Task A_blocked_actor_is_abandoned_and_RunShutdown_still_returns()
    {
        var blocked = Sys.ActorOf(Chaos.BlocksThread(), "blocked");
        blocked.Tell("block");
        AwaitCondition(() => SystemWork.Of(Sys).Blocked == 1);

        var report = await RunShutdown();

        Assert.Equal(ActorFate.Abandoned, report.For(blocked)?.Fate);
        Assert.False(report.Clean);
        // The blocked actor kept the system from terminating: Akka timed the last phase out, which it does only
        // once the timeout has also passed in real time (virtual time did not run ahead there).
        Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseActorSystemTerminate).TimedOut, report.ToString());
        Assert.NotEqual(0, report.ExitCode);
    }

    [Fact]
    public async Task Probes_are_never_cancelled()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Idle()), "idle");

        var report = await RunShutdown();

        Assert.Null(report.For(probe.Ref));
        Assert.Null(report.For(TestActor));
        Assert.DoesNotContain(report.Actors, a => !a.Path.StartsWith("/user/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_actor_ends_at_its_exact_virtual_time()
    {
        // Stepping from one due item to the next once the actors are quiet: every timer fires at its own time and
        // what it sets off happens before the clock moves on, so these times are exact whatever the machine's load.
        var quick = Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromMilliseconds(500), Time), "quick-cleanup");
        var slow = Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromMilliseconds(2500), Time), "slow-cleanup");
        var swallower = Sys.ActorOf(Chaos.SwallowsCancels(3), "swallower");
        var resister = Sys.ActorOf(Chaos.IgnoresCancel(), "resister");
        var thrower = Sys.ActorOf(Chaos.ThrowsInCleanup(), "thrower");

        var report = await RunShutdown();

        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.FromMilliseconds(500)), Outcome(report, quick));
        Assert.Equal((ActorFate.Stopped, 2, TimeSpan.FromSeconds(1)), Outcome(report, slow));   // cut short by attempt 2
        Assert.Equal((ActorFate.Stopped, 4, TimeSpan.FromSeconds(3)), Outcome(report, swallower));
        Assert.Equal((ActorFate.Escalated, 10, TimeSpan.FromSeconds(10)), Outcome(report, resister));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), Outcome(report, thrower));
        Assert.IsType<InvalidOperationException>(report.For(thrower)?.Failure);
        Assert.True(report.Clean, report.ToString());
    }

    private static (ActorFate, int, TimeSpan) Outcome(ShutdownReport report, IActorRef actor)
    {
        var outcome = report.For(actor) ?? throw new InvalidOperationException($"{actor} is not in the report");
        return (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter);
    }

    [Fact]
    public async Task Disposing_the_kit_drives_a_shutdown_left_running_to_its_end()
    {
        var kit = new Kit(null, Output!);
        kit.Sys.ActorOf(Chaos.IgnoresCancel(), "resister");
        var blocked = kit.Sys.ActorOf(Chaos.BlocksThread(), "blocked");
        blocked.Tell("block");
        AwaitCondition(() => SystemWork.Of(kit.Sys).Blocked == 1);
        _ = CoordinatedShutdown.Get(kit.Sys).Run(CoordinatedShutdown.UnknownReason.Instance);

        kit.Dispose();

        var report = await kit.Guardian.Report.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(kit.Sys.WhenTerminated.IsCompleted);
        Assert.NotNull(report);
    }

    [Fact]
    public void Disposing_the_kit_runs_the_shutdown_when_the_test_did_not()
    {
        var kit = new Kit(null, Output!);
        kit.Sys.ActorOf(Chaos.IgnoresCancel(), "resister");

        kit.Dispose();

        Assert.True(kit.Sys.WhenTerminated.IsCompleted);
        Assert.True(kit.Guardian.Report.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_shutdown_that_does_not_end_in_time_fails_the_test_with_the_guardians_progress()
    {
        using var kit = new Kit("akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 60s", Output!) { Bound = TimeSpan.FromSeconds(1) };
        var blocked = kit.Sys.ActorOf(Chaos.BlocksThread(), "blocked");
        blocked.Tell("block");
        AwaitCondition(() => SystemWork.Of(kit.Sys).Blocked == 1);

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => { _ = kit.RunShutdown(); });   // it fails at once, not through the task

        Assert.Contains(kit.Guardian.Progress.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.False(kit.Guardian.Report.IsCompleted);
    }

    private sealed class Kit(string? hocon, ITestOutputHelper output) : ShutdownTestKit(hocon, output);
}
