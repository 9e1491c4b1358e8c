using Akka.Actor;
using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian;

namespace ActorShutdown.Tests.Phases;

/// <summary>The deadline: the report completes when it passes, whatever still runs.</summary>
public sealed class DeadlineTests() : GuardianKit("""
    akka.shutdown-guardian.deadline = 2500ms
    akka.shutdown-guardian.max-cancel-attempts = 10
    """)
{
    [Fact]
    public async Task When_the_deadline_passes_the_report_completes_unclean_with_the_resisting_actor_abandoned()
    {
        var stubborn = Start(Chaos.IgnoresCancel(), "stubborn");
        var tokenCut = new TaskCompletionSource();
        Guardian.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "waits", async token =>
        {
            token.Register(() => tokenCut.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
        });

        var report = await RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), report.Duration);
        Assert.True(report.DeadlinePassed);
        Assert.False(report.Clean);
        Assert.Equal(70, report.ExitCode);
        var outcome = Outcome(report, stubborn);
        Assert.Equal((ActorFate.Abandoned, 3), (outcome.Fate, outcome.CancelAttempts));   // attempts at 0, 1 and 2 s
        var phase = report.Phases[^1];
        Assert.Equal((CoordinatedShutdown.PhaseServiceRequestsDone, true), (phase.Name, phase.TimedOut));
        Assert.True(phase.Tasks.Single(t => t.Name == "waits").TimedOut);
        await tokenCut.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
