using ActorShutdown.Configuration;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// With a deadline, a run ends within it whatever its tasks and actors do, and the last phase keeps its
/// share, so the system still terminates. On a manual clock advanced exactly to each phase's timeout.
/// </summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task With_every_phase_hanging_the_run_ends_at_the_deadline_and_the_system_terminates()
    {
        var clock = new TimerWatchingClock();
        var config = ConfigurationFactory.ParseString("""
            actors.coordinated-shutdown {
              run-by-signals = off
              run-by-process-exit = off
              deadline = 10s
            }
            """);
        var system = ActorSystem.Create("deadline", config, timeProvider: clock);
        using var release = new ManualResetEventSlim();
        try
        {
            var shutdown = CoordinatedShutdown.Get(system);
            foreach (var phase in shutdown.OrderedPhases)
                shutdown.AddTask(phase, "hangs", token => Task.Delay(Timeout.InfiniteTimeSpan, token));
            // An actor deaf to every request: only abandonment, at the end of the last phase, gets past it.
            var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new Blocker(release, blocked)), "blocker").Tell("block");
            await blocked.Task.WaitAsync(Harness.Guard);

            var report = await clock.AdvanceUntil(shutdown.Run(ShutdownReason.Unknown));

            Assert.Equal(TimeSpan.FromSeconds(10), shutdown.TotalTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10), report.Duration);
            Assert.Equal(shutdown.OrderedPhases, report.Phases.Select(p => p.Name));
            // 5 s of its own; then what the deadline leaves less the last phase's share (10 s − 5 s − 2 s).
            AssertTimedOut(report.Phases[0], TimeSpan.FromSeconds(5));
            AssertTimedOut(report.Phases[1], TimeSpan.FromSeconds(3));
            foreach (var cutShort in report.Phases.Skip(2).SkipLast(1))
            {
                Assert.True(cutShort.TimedOut, cutShort.Name);
                Assert.Equal(TimeSpan.Zero, cutShort.Duration);
                Assert.All(cutShort.Tasks, t => Assert.True(t.TimedOut && t.Duration == TimeSpan.Zero, t.Name));
                Assert.Contains($"{cutShort.Name}: 0.000s, {cutShort.Tasks.Count} task(s), CUT SHORT by the deadline", report.ToString());
            }
            // actor-system-terminate keeps its share: the smaller of its timeout (10 s) and a fifth of the deadline.
            var last = report.Phases[^1];
            Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, last.Name);
            AssertTimedOut(last, TimeSpan.FromSeconds(2));
            Assert.Contains(last.Tasks, t => t.Name == "terminate-actor-system");
            // Its timeout abandoned the blocked actor, so the system terminates.
            await system.WhenTerminated.WaitAsync(Harness.Guard);
            Assert.False(report.Clean);
            Assert.Equal(3, report.ExitCode);
        }
        finally
        {
            release.Set();
            await system.Terminate().WaitAsync(Harness.Guard);
        }
    }

    private static void AssertTimedOut(PhaseOutcome phase, TimeSpan after)
    {
        Assert.True(phase.TimedOut, phase.Name);
        Assert.Equal(after, phase.Duration);
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim release, TaskCompletionSource blocked) =>
            ReceiveAny(_ =>
            {
                blocked.TrySetResult();
                release.Wait(Harness.Guard * 3);
            });
    }
}
