using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// A run that is already past its deadline when the last phase comes (the process was paused — a long GC,
/// a stopped or suspended process — or timers fired late) still gives actor-system-terminate its share,
/// so the system terminates.
/// </summary>
public sealed class LateRunDeadlineTests()
    : TestKit.TestKit("actors.coordinated-shutdown.deadline = 10s", manualTime: true)
{
    [Fact]
    public async Task After_a_pause_longer_than_the_deadline_the_last_phase_still_terminates_the_system()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        // The pause: the clock jumps 30 s while the first phase runs.
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "paused", _ =>
        {
            Time.Advance(TimeSpan.FromSeconds(30));
            return Task.CompletedTask;
        });
        var worker = ActorOf(Props.Create<Idle>(), "worker");
        var stopped = worker.WatchAsync();

        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Harness.Guard);

        var last = report.Phases[^1];
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, last.Name);
        var terminate = Assert.Single(last.Tasks, t => t.Name == "terminate-actor-system");
        Assert.False(terminate.TimedOut, report.ToString());
        Assert.True(await stopped.WaitAsync(Harness.Guard));
        await Sys.WhenTerminated.WaitAsync(Harness.Guard);
        // The phases between were left no time.
        Assert.All(report.Phases.Skip(2).SkipLast(1).Where(p => p.Tasks.Count > 0), p => Assert.Equal(TimeSpan.Zero, p.Duration));
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
