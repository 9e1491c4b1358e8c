using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The shield phase timing out ends every shield: the actors still draining are cancelled from then on.</summary>
public sealed class ShieldPhaseTimeoutTests() : GuardianTestKit("actors.coordinated-shutdown.phases.service-stop.timeout = 5s")
{
    [Fact]
    public void A_shield_phase_that_times_out_ends_the_shields()
    {
        var probe = new Recorder();
        var worker = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(20)), "worker");
        worker.Tell("work");
        Guardian.Shield(worker);
        // The next phase takes a second, so the system's own stop (in the last phase) does not overtake the cancel.
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "a-second", token => Task.Delay(TimeSpan.FromSeconds(1), Sys.Time, token));
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(4.9), armed: 2);   // the shield phase's timeout and the job
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));

        var tripped = Next(probe);
        var cancel = Next(probe);
        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(5)), (tripped.What, tripped.At));
        Assert.Equal(("cancel", 1, t0 + TimeSpan.FromSeconds(5)), (cancel.What, cancel.Attempt, cancel.At));
        var report = RunToEnd(run);
        Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop).TimedOut);
        Assert.False(report.Clean);
        Assert.Equal(TimeSpan.FromSeconds(5), report.For(worker)!.StoppedAfter);
    }
}
