using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// An actor still alive <c>escalation-timeout</c> after its escalation (one blocked on its thread) is abandoned:
/// detached so that the shutdown completes, with fate Abandoned and exit code 3.
/// </summary>
public sealed class AbandonmentTests() : GuardianTestKit("""
    actors.shutdown-guardian.cancel-interval = 1s
    actors.shutdown-guardian.max-cancel-attempts = 3
    actors.shutdown-guardian.escalation-timeout = 2s
    """)
{
    [Fact]
    public void An_actor_blocked_on_its_thread_is_abandoned_after_the_escalation_timeout_and_shutdown_still_completes()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var probe = new Recorder();
            var blocker = ActorOf(Chaos.BlocksThread(release, probe), "blocker");
            blocker.Tell("block");
            probe.ExpectMsg<ChaosEvent>(e => e.What == "started");
            probe.ExpectMsg<ChaosEvent>(e => e.What == "blocked");
            var watcher = CreateTestProbe();
            watcher.Watch(blocker);

            var run = Begin(ShutdownReason.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM));
            // Attempts at 0, 1, 2 s; escalation at 3 s; abandonment 2 s later.
            for (var second = 1; second <= 4; second++) Advance(TimeSpan.FromSeconds(1), armed: 2, blocker);
            Advance(TimeSpan.FromSeconds(0.9), armed: 2, blocker);
            Settle(blocker);
            Assert.False(run.IsCompleted);   // not abandoned before its time
            Advance(TimeSpan.FromSeconds(0.1), busy: blocker);
            watcher.ExpectTerminated(blocker);   // its watchers are told it terminated
            var report = Ended(run);

            var outcome = report.For(blocker)!;
            Assert.Equal((ActorFate.Abandoned, 3, TimeSpan.FromSeconds(5)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
            Assert.False(report.Clean);
            Assert.Equal(3, report.ExitCode);
            Assert.Contains("abandoned: /user/blocker", report.ToString(), StringComparison.Ordinal);
            Await(Sys.WhenTerminated);
        }
        finally
        {
            release.Set();
        }
    }
}
