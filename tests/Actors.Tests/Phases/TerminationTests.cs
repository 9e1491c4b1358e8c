using Akka;
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
    public async Task A_termination_seen_before_the_terminate_phase_marker_has_run_still_reports_that_phase()
    {
        var system = ActorSystem.Create("terminated-early", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            """));
        var guardian = ShutdownGuardian.Get(system);
        // Akka calls its own task of actor-system-terminate, which terminates the system, before the guardian's marker
        // of that phase; on a busy machine the termination is seen in between. Seen from the phase before, it is
        // seen before the marker every time.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "termination-seen", () =>
        {
            guardian.Phases.SystemTerminated();
            return Task.FromResult(Done.Instance);
        });

        await system.Terminate();
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, report.Phases[^1].Name);
    }

    [Fact]
    public async Task Terminate_runs_the_phases_and_the_report_names_akkas_reason()
    {
        var system = ActorSystem.Create("terminated", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            # On the real clock: no second attempt however slow a busy machine is to stop the idle actor.
            akka.shutdown-guardian.cancel-interval = 60s
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
