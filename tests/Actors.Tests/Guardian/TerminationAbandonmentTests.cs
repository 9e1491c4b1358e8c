using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// An actor that cannot stop even with the system (an excluded one blocked on its thread) is abandoned when the last
/// phase times out; the report says so, whether or not the guardian has heard of it by then.
/// </summary>
public sealed class TerminationAbandonmentTests() : GuardianTestKit("actors.coordinated-shutdown.phases.actor-system-terminate.timeout = 2s")
{
    [Fact]
    public void An_excluded_actor_blocked_on_its_thread_is_abandoned_by_the_last_phase_and_reported_abandoned()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var probe = new Recorder();
            var blocker = ActorOf(Chaos.BlocksThread(release, probe), "blocker");
            blocker.Tell("block");
            probe.FishForMessage<ChaosEvent>(e => e.What == "blocked");
            Guardian.Exclude(blocker);
            Settle(blocker);

            var report = RunToEnd(Begin(ShutdownReason.Unknown), busy: blocker);

            var outcome = report.For(blocker)!;
            Assert.Equal((true, 0, ActorFate.Abandoned, TimeSpan.FromSeconds(2)), (outcome.Excluded, outcome.CancelAttempts, outcome.Fate, outcome.StoppedAfter));
            Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseActorSystemTerminate).TimedOut);
            Assert.Equal((false, 3), (report.Clean, report.ExitCode));
            Assert.Contains("abandoned: /user/blocker", report.ToString(), StringComparison.Ordinal);
            Await(Sys.WhenTerminated);
        }
        finally
        {
            release.Set();
        }
    }
}
