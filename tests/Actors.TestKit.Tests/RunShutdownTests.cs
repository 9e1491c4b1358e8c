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
    public async Task Two_runs_of_the_same_actors_take_the_same_virtual_time()
    {
        // Deterministic stepping: the same actors, the same virtual durations, whatever the machine's load.
        var first = await RunMix(Output!);
        var second = await RunMix(Output!);

        Assert.Equal(first, second);
    }

    private static async Task<string> RunMix(ITestOutputHelper output)
    {
        using var kit = new Kit(null, output);
        kit.Sys.ActorOf(Chaos.IgnoresCancel(), "resister");
        kit.Sys.ActorOf(Chaos.SwallowsCancels(3), "swallower");
        kit.Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromMilliseconds(2500), kit.Time), "slow");
        kit.Sys.ActorOf(Chaos.ThrowsInCleanup(), "thrower");
        var report = await kit.RunShutdown();
        return string.Join("; ", report.Actors.OrderBy(a => a.Path, StringComparer.Ordinal).Select(a => $"{a.Path} {a.Fate} {a.CancelAttempts} {a.StoppedAfter}"))
            + " | " + string.Join("; ", report.Phases.Select(p => $"{p.Name} {p.Duration} {p.TimedOut}"));
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
