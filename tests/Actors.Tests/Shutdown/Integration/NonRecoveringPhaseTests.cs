using System.Collections.Concurrent;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// A failing task in a phase with <c>recover = off</c>: the run faults with its error, the remaining phases
/// are skipped, and the system keeps running; a later <c>Terminate()</c> stops it directly, without running
/// phases again.
/// </summary>
public sealed class NonRecoveringPhaseTests()
    : TestKit.TestKit("actors.coordinated-shutdown.phases.service-unbind.recover = off", manualTime: true)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failure_leaves_the_system_running_until_a_later_Terminate(bool startedByTerminate)
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var failure = new InvalidOperationException("unbind failed");
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "fails", _ => Task.FromException(failure));
        var laterPhasesRan = new ConcurrentQueue<string>();
        foreach (var phase in shutdown.OrderedPhases.SkipWhile(p => p != CoordinatedShutdown.PhaseServiceUnbind).Skip(1))
        {
            shutdown.AddTask(phase, "record", _ =>
            {
                laterPhasesRan.Enqueue(phase);
                return Task.CompletedTask;
            });
        }
        var echo = ActorOf(Props.Create<Echo>(), "echo");

        var run = startedByTerminate ? Sys.Terminate() : shutdown.Run(ShutdownReason.Unknown);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Harness.Guard));
        Assert.Same(failure, thrown);
        Assert.Empty(laterPhasesRan);
        Assert.False(Sys.WhenTerminated.IsCompleted);
        Assert.Equal("still here", await echo.Ask<string>("still here", Harness.Guard));

        // WatchAsync registers at once; a probe's Watch is a message the probe may not get to before the system stops it.
        var stopped = echo.WatchAsync();
        await Sys.Terminate().WaitAsync(Harness.Guard);

        Assert.True(await stopped.WaitAsync(Harness.Guard));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Empty(laterPhasesRan);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(text => Sender.Tell(text));
    }
}
