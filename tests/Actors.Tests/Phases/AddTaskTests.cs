using Akka.Actor;
using Akka.Configuration;
using ActorShutdown.Tests.Guardian;

namespace ActorShutdown.Tests.Phases;

/// <summary>Tasks added through the guardian: a token Akka does not give, cancelled when the phase times out.</summary>
public sealed class AddTaskTests() : GuardianKit("akka.coordinated-shutdown.phases.before-actor-system-terminate.timeout = 3s")
{
    private const string Phase = CoordinatedShutdown.PhaseBeforeActorSystemTerminate;

    [Fact]
    public async Task The_token_is_cancelled_when_the_phase_times_out_and_the_report_says_so()
    {
        var cancelledAt = new TaskCompletionSource<DateTimeOffset>();
        Guardian.AddTask(Phase, "hangs", async token =>
        {
            token.Register(() => cancelledAt.TrySetResult(Scheduler.Now));
            await Task.Delay(Timeout.Infinite, token);
        });

        var report = await RunShutdown();

        var phase = report.Phases.Single(p => p.Name == Phase);
        var task = Assert.Single(phase.Tasks, t => t.Name == "hangs");
        Assert.True(task.TimedOut);
        Assert.Null(task.Failure);   // giving up on its own cancelled token is its timeout, not a failure
        Assert.Equal(TimeSpan.FromSeconds(3), task.Duration);
        Assert.True(phase.TimedOut);
        Assert.False(report.Clean);
        Assert.Equal(report.StartedAt + phase.Duration + report.Phases.TakeWhile(p => p.Name != Phase).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration),
            await cancelledAt.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_task_that_completes_in_time_is_reported_with_its_duration_and_a_clean_run()
    {
        Guardian.AddTask(Phase, "quick", token => Task.Delay(TimeSpan.FromSeconds(1), Time, token));

        var report = await RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        var task = report.Phases.Single(p => p.Name == Phase).Tasks.Single(t => t.Name == "quick");
        Assert.Equal((TimeSpan.FromSeconds(1), false, (Exception?)null), (task.Duration, task.TimedOut, task.Failure));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task A_failing_task_is_recorded_with_its_own_exception_and_the_run_goes_on()
    {
        var failure = new InvalidOperationException("flush failed");
        Guardian.AddTask(Phase, "fails", _ => Task.FromException(failure));
        var later = false;
        Guardian.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "later", _ =>
        {
            later = true;
            return Task.CompletedTask;
        });

        var report = await RunShutdown();

        Assert.Same(failure, report.Phases.Single(p => p.Name == Phase).Tasks.Single(t => t.Name == "fails").Failure);
        Assert.True(later);
        Assert.False(report.Clean);
    }

    [Fact]
    public async Task A_task_removed_before_the_run_does_not_run()
    {
        var ran = false;
        var handle = Guardian.AddTask(Phase, "removed", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        handle.Dispose();

        var report = await RunShutdown();

        Assert.False(ran);
        Assert.DoesNotContain(report.Phases.SelectMany(p => p.Tasks), t => t.Name == "removed");
    }

    [Fact]
    public void An_unknown_phase_is_a_configuration_exception()
    {
        var error = Assert.Throws<ConfigurationException>(() => Guardian.AddTask("no-such-phase", "t", _ => Task.CompletedTask));

        Assert.Contains("no-such-phase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_lists_the_phases_in_akkas_order_with_the_guardians_own_tasks()
    {
        var report = await RunShutdown();

        var names = report.Phases.Select(p => p.Name).ToList();
        Assert.Equal(AkkaPhaseOrder.Of(CoordinatedShutdown.Get(Sys)).Where(names.Contains), names);
        Assert.Contains(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceRequestsDone).Tasks, t => t.Name == ShutdownGuardian.CancelTaskName);
        Assert.Contains(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop).Tasks, t => t.Name == ShutdownGuardian.DrainTaskName);
        Assert.Contains(CoordinatedShutdown.PhaseActorSystemTerminate, names);
    }
}
