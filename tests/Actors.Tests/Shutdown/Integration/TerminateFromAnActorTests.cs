using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// An actor may call <c>Context.System.Terminate()</c> from its handler: the run goes on without it
/// (the phases run on the thread pool), cancels it like any other actor, and terminates the system.
/// </summary>
public sealed class TerminateFromAnActorTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Terminate_called_in_a_handler_runs_the_phases_and_terminates_the_system()
    {
        var quitter = ActorOf(Props.Create<Quitter>(), "quitter");
        var stopped = quitter.WatchAsync();

        quitter.Tell("quit");

        await Sys.WhenTerminated.WaitAsync(Harness.Guard);
        Assert.True(await stopped.WaitAsync(Harness.Guard));
        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Harness.Guard);
        Assert.Same(ShutdownReason.ActorSystemTerminate, report.Reason);
        Assert.Equal(ActorFate.Stopped, report.For(quitter)?.Fate);
        Assert.True(report.Clean, report.ToString());
    }

    private sealed class Quitter : ReceiveActor
    {
        public Quitter() => Receive<string>(_ => Context.System.Terminate());
    }
}
