using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>With <c>run-by-actor-system-terminate = off</c>, <c>Terminate()</c> stops the system directly: no phase runs.</summary>
public sealed class TerminateWithoutPhasesTests()
    : TestKit.TestKit("actors.coordinated-shutdown.run-by-actor-system-terminate = off", manualTime: true)
{
    [Fact]
    public async Task Terminate_stops_every_actor_without_running_a_phase_task()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var ran = 0;
        foreach (var phase in shutdown.OrderedPhases)
        {
            shutdown.AddTask(phase, "count", _ =>
            {
                Interlocked.Increment(ref ran);
                return Task.CompletedTask;
            });
        }
        var worker = ActorOf(Props.Create<Idle>(), "worker");
        // WatchAsync registers at once; a probe's Watch is a message the probe may not get to before the system stops it.
        var stopped = worker.WatchAsync();

        await Sys.Terminate().WaitAsync(Harness.Guard);

        Assert.True(await stopped.WaitAsync(Harness.Guard));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal(0, Volatile.Read(ref ran));
        Assert.Null(shutdown.Reason);
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
