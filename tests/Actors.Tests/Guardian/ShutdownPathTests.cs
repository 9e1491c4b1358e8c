using System.Runtime.InteropServices;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>Shields hold on every way a shutdown starts: <c>ActorSystem.Terminate()</c> and a signal's reason.</summary>
public sealed class ShutdownPathTests() : GuardianTestKit
{
    private const int Queued = 200;

    [Fact]
    public void Terminate_runs_the_phases_and_the_shield_holds()
    {
        var (shielded, shieldedProbe, plain, plainProbe) = Prepare();

        var terminated = Terminate();
        DriveUntil(terminated);
        var report = Ended(Shutdown.Run(ShutdownReason.Unknown));   // the run Terminate started

        Assert.Same(ShutdownReason.ActorSystemTerminate, report.Reason);
        AssertShieldHeld(report, shielded, shieldedProbe, plain, plainProbe);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void A_SIGINT_shutdown_keeps_the_shield_too()
    {
        var (shielded, shieldedProbe, plain, plainProbe) = Prepare();

        var report = RunToEnd(Begin(ShutdownReason.Signal(PosixSignal.SIGINT)));

        Assert.Equal("SIGINT", report.Reason.Name);
        Assert.Equal("SIGINT", plainProbe.FishForMessage<Seen>(s => s.What == "cancel").Reason);
        AssertShieldHeld(report, shielded, shieldedProbe, plain, plainProbe);
        Assert.Equal(0, report.ExitCode);
    }

    private (IActorRef, Recorder, IActorRef, Recorder) Prepare()
    {
        var shieldedProbe = new Recorder();
        var plainProbe = new Recorder();
        var shielded = ActorOf(Worker.Props(shieldedProbe, TimeSpan.FromSeconds(1)), "shielded");
        var plain = ActorOf(Worker.Props(plainProbe, TimeSpan.FromSeconds(1)), "plain");
        Guardian.Shield(shielded);
        foreach (var actor in new[] { shielded, plain })
        {
            actor.Tell("work");
            for (var i = 0; i < Queued; i++) actor.Tell(i);
        }
        Settle();
        return (shielded, shieldedProbe, plain, plainProbe);
    }

    private static void AssertShieldHeld(ShutdownReport report, IActorRef shielded, Recorder shieldedProbe, IActorRef plain, Recorder plainProbe)
    {
        var stopped = shieldedProbe.FishForMessage<Seen>(s => s.What == "stopped");
        Assert.Equal((Queued, false, false), (stopped.Count, stopped.Tripped, stopped.Cancelled));
        Assert.Equal((ActorFate.Drained, 0), (report.For(shielded)!.Fate, report.For(shielded)!.CancelAttempts));
        Assert.Equal((ActorFate.Stopped, 1), (report.For(plain)!.Fate, report.For(plain)!.CancelAttempts));
        Assert.True(plainProbe.FishForMessage<Seen>(s => s.What == "stopped").Cancelled);
    }
}
