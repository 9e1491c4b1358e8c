using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// A cancel schedule longer than its phase's timeout (Akka's 5 s default against 10 attempts a second apart, say):
/// when the phase times out, the actors still in the loop are escalated at once.
/// </summary>
public sealed class CancelPhaseTimeoutTests() : GuardianKit("""
    akka.coordinated-shutdown.phases.service-requests-done.timeout = 2500ms
    akka.shutdown-guardian.max-cancel-attempts = 10
    """)
{
    [Fact]
    public async Task The_actors_still_resisting_when_the_cancel_phase_times_out_are_escalated_then()
    {
        var stubborn = Start(Chaos.IgnoresCancel(), "stubborn");

        var report = await RunShutdown();

        var outcome = Outcome(report, stubborn);
        Assert.Equal((ActorFate.Escalated, 3, TimeSpan.FromMilliseconds(2500)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        Assert.True(report.Phases.Single(p => p.Name == "service-requests-done").TimedOut);
    }
}

/// <summary>A failure while an actor cleans up is recorded in the report, never lost.</summary>
public sealed class CleanupFailureTests() : GuardianKit
{
    [Fact]
    public async Task An_exception_thrown_in_cleanup_is_the_actors_failure_in_the_report()
    {
        var thrower = Start(Chaos.ThrowsInCleanup(), "thrower");

        var report = await RunShutdown();

        var outcome = Outcome(report, thrower);
        Assert.Equal(ActorFate.Stopped, outcome.Fate);
        Assert.IsType<InvalidOperationException>(outcome.Failure);
        Assert.Contains("failed: /user/thrower", report.ToString(), StringComparison.Ordinal);
    }
}
