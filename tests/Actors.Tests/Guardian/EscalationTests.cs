using Akka.Actor;
using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

public sealed class KillEscalationTests() : GuardianKit("akka.shutdown-guardian.escalation = kill")
{
    [Fact]
    public async Task With_kill_an_actor_ignoring_every_attempt_is_killed_and_reported_escalated()
    {
        var stubborn = Start(Chaos.IgnoresCancel(), "stubborn");

        var report = await RunShutdown();

        Assert.Equal((ActorFate.Escalated, 3, 3 * Interval), (Outcome(report, stubborn).Fate, Outcome(report, stubborn).CancelAttempts, Outcome(report, stubborn).StoppedAfter));
    }
}

/// <summary>Nothing stuck holds the shutdown: a blocked actor is escalated, then abandoned, and the report still completes.</summary>
public sealed class AbandonmentTests() : GuardianKit
{
    [Fact]
    public async Task A_thread_blocking_actor_is_abandoned_escalation_timeout_after_its_escalation_and_the_report_completes_unclean()
    {
        var blocked = Start(Chaos.BlocksThread(), "blocked");
        var fine = Start(Idle.Props, "fine");
        blocked.Tell("block", ActorRefs.NoSender);

        var report = await RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.Equal((ActorFate.Abandoned, 3 * Interval + TimeSpan.FromSeconds(2)), (Outcome(report, blocked).Fate, Outcome(report, blocked).StoppedAfter));
        Assert.Equal(ActorFate.Stopped, Outcome(report, fine).Fate);
        Assert.False(report.Clean);
        Assert.Equal(70, report.ExitCode);
        Assert.Contains("abandoned: /user/blocked", report.ToString(), StringComparison.Ordinal);
    }
}
