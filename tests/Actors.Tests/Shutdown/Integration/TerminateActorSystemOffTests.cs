using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// With <c>terminate-actor-system = off</c> the last phase leaves the system running; <c>Terminate()</c>
/// then stops it, without running the phases again.
/// </summary>
public sealed class TerminateActorSystemOffTests()
    : TestKit.TestKit("actors.coordinated-shutdown.terminate-actor-system = off", manualTime: true)
{
    [Fact]
    public async Task The_run_leaves_the_system_running_until_Terminate()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var runs = 0;
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "count", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        var echo = ActorOf(Props.Create<Echo>(), "echo");
        // Out of the guardian's reach, so that it outlives the run.
        ShutdownGuardian.Get(Sys).Exclude(echo);

        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Harness.Guard);

        Assert.True(report.Clean, report.ToString());
        Assert.DoesNotContain(report.Phases.SelectMany(p => p.Tasks), t => t.Name == "terminate-actor-system");
        Assert.False(Sys.WhenTerminated.IsCompleted);
        Assert.Equal("still here", await echo.Ask<string>("still here", Harness.Guard));

        var stopped = echo.WatchAsync();
        await Sys.Terminate().WaitAsync(Harness.Guard);

        Assert.True(await stopped.WaitAsync(Harness.Guard));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(text => Sender.Tell(text));
    }
}
