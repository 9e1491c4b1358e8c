using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>With <c>actors.shutdown-guardian.enabled = off</c> there is no guardian, and the system still terminates.</summary>
public sealed class DisabledGuardianTests() : GuardianTestKit("actors.shutdown-guardian.enabled = off")
{
    [Fact]
    public void Get_throws_and_the_system_still_terminates_without_cancelling_anyone()
    {
        var probe = new Recorder();
        var actor = Start(Resister.Props(probe), "worker");

        var error = Assert.Throws<InvalidOperationException>(() => ShutdownGuardian.Get(Sys));
        Assert.Contains("actors.shutdown-guardian.enabled = off", error.Message, StringComparison.Ordinal);

        DriveUntil(Terminate());
        var report = Ended(Shutdown.Run(ShutdownReason.Unknown));   // the run Terminate started

        Assert.Equal("stopped", Next(probe).What);   // stopped with the system, never cancelled
        Assert.Empty(report.Actors);
        Assert.Null(report.For(actor));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }
}
