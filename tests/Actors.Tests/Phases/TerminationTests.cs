using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown.Tests.Phases;

public sealed class TerminationTests
{
    [Fact]
    public async Task A_system_terminated_without_a_coordinated_shutdown_still_completes_the_report()
    {
        var system = ActorSystem.Create("bare", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-actor-system-terminate = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            """));
        var guardian = ShutdownGuardian.Get(system);

        await system.Terminate();
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(report.Actors);
        Assert.Empty(report.Phases);
    }

    [Fact]
    public async Task Terminate_runs_the_phases_and_the_report_names_akkas_reason()
    {
        var system = ActorSystem.Create("terminated", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            """));
        var guardian = ShutdownGuardian.Get(system);
        var actor = system.ActorOf(Props.Create(() => new Guardian.Idle()), "idle");

        await system.Terminate();
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<CoordinatedShutdown.ActorSystemTerminateReason>(report.Reason);
        Assert.Equal((ActorFate.Stopped, 1), (report.For(actor)!.Fate, report.For(actor)!.CancelAttempts));
        Assert.True(report.Clean, report.ToString());
        Assert.Equal(0, report.ExitCode);
    }
}
