using System.Runtime.InteropServices;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// The cancel loop's schedule: attempt k goes at t0 + (k−1)·cancel-interval to each actor still alive, where t0 is
/// the start of the cancel phase; the report counts the attempts and measures StoppedAfter from the start of the run.
/// </summary>
public sealed class AttemptScheduleTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void An_actor_that_resists_twice_stops_after_exactly_three_requests_sent_at_t_t_plus_i_and_t_plus_2i()
    {
        var probe = new Recorder();
        var actor = Start(Resister.Props(probe, swallow: 2), "resister");
        var reason = ShutdownReason.Signal(PosixSignal.SIGTERM);
        var t0 = Now;

        var run = Begin(reason);
        var first = Next(probe);
        Advance(Interval, armed: 2);   // the phase's timeout and the guardian's one timer
        var second = Next(probe);
        Advance(Interval, armed: 2);
        var third = Next(probe);
        var stopped = Next(probe);
        var report = Ended(run);

        Assert.Equal(("cancel", 1, t0), (first.What, first.Attempt, first.At));
        Assert.Equal(("cancel", 2, t0 + Interval), (second.What, second.Attempt, second.At));
        Assert.Equal(("cancel", 3, t0 + 2 * Interval), (third.What, third.Attempt, third.At));
        Assert.All(new[] { first, second, third }, c => Assert.Equal(reason.Name, c.Reason));
        Assert.Equal(("stopped", t0 + 2 * Interval), (stopped.What, stopped.At));
        var outcome = report.For(actor)!;
        Assert.Equal(3, outcome.CancelAttempts);
        Assert.Equal(ActorFate.Stopped, outcome.Fate);
        Assert.Equal(2 * Interval, outcome.StoppedAfter);
        Assert.Same(reason, report.Reason);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public void Each_actor_gets_as_many_attempts_as_it_resists_and_the_report_counts_them()
    {
        var probe = new Recorder();
        var idle = Start(Idle.Props, "idle");
        var once = Start(Resister.Props(probe, swallow: 1), "once");
        var thrice = Start(Resister.Props(probe, swallow: 3), "thrice");

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        Assert.Equal((1, ActorFate.Stopped, TimeSpan.Zero), Summary(report.For(idle)!));
        Assert.Equal((2, ActorFate.Stopped, Interval), Summary(report.For(once)!));
        Assert.Equal((4, ActorFate.Stopped, 3 * Interval), Summary(report.For(thrice)!));
    }

    [Fact]
    public void The_cancel_reason_is_the_run_s_reason()
    {
        var probe = new Recorder();
        Start(Resister.Props(probe, swallow: 0), "a");

        var run = Begin(ShutdownReason.Signal(PosixSignal.SIGINT));

        Assert.Equal("SIGINT", Next(probe, s => s.What == "cancel").Reason);
        Assert.Equal("SIGINT", Ended(run).Reason.Name);
    }

    [Fact]
    public void Attempt_one_goes_when_the_cancel_phase_starts_and_StoppedAfter_counts_from_the_start_of_the_run()
    {
        var probe = new Recorder();
        var actor = Start(Resister.Props(probe, swallow: 1), "late");
        // An earlier phase that takes 3 s: the cancel phase, and attempt 1, start 3 s into the run.
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "slow", token => Task.Delay(TimeSpan.FromSeconds(3), Sys.Time, token));
        var runStart = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(2.9), armed: 2);
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));
        var first = Next(probe);
        Advance(Interval, armed: 2);
        var second = Next(probe);
        var report = Ended(run);

        Assert.Equal((1, runStart + TimeSpan.FromSeconds(3)), (first.Attempt, first.At));
        Assert.Equal((2, runStart + TimeSpan.FromSeconds(4)), (second.Attempt, second.At));
        Assert.Equal(TimeSpan.FromSeconds(4), report.For(actor)!.StoppedAfter);
    }

    private static (int, ActorFate, TimeSpan) Summary(ActorOutcome outcome) => (outcome.CancelAttempts, outcome.Fate, outcome.StoppedAfter);
}
