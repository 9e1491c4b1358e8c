using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// The tokens tripped ahead of the cancel phase's walk, on the real clock: a token callback that never returns holds
/// up neither the other actors' cancellation nor the run.
/// </summary>
public sealed class TokenTripTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("""
    akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
    akka.shutdown-guardian.run-by-signals = off
    akka.shutdown-guardian.exit-process = off
    akka.shutdown-guardian.cancel-interval = 200ms
    # Long enough that only the guardian's own bound on the trips can let the walk start in time.
    akka.coordinated-shutdown.phases.service-requests-done.timeout = 60s
    """), output: output)
{
    /// <summary>On "await", registers a callback on its token that blocks until the gate is set, then awaits forever.</summary>
    private sealed class BlocksInCallback : CancellableReceiveActor
    {
        public BlocksInCallback(IActorRef probe, ManualResetEventSlim gate) =>
            ReceiveAsync<string>(_ =>
            {
                var token = Context.CancellationToken;
                token.Register(() => gate.Wait());
                probe.Tell("awaiting");
                return Task.Delay(Timeout.Infinite, token);
            });
    }

    /// <summary>On "await", registers a callback on its token that throws, then awaits forever.</summary>
    private sealed class ThrowsInCallback : CancellableReceiveActor
    {
        public ThrowsInCallback(IActorRef probe) =>
            ReceiveAsync<string>(_ =>
            {
                var token = Context.CancellationToken;
                token.Register(() => throw new InvalidOperationException("callback failed"));
                probe.Tell("awaiting");
                return Task.Delay(Timeout.Infinite, token);
            });
    }

    [Fact]
    public async Task A_token_callback_that_throws_is_logged_and_every_other_token_is_still_tripped()
    {
        var guardian = ShutdownGuardian.Get(Sys);
        var actors = Enumerable.Range(0, 3).Select(i => Sys.ActorOf(Props.Create(() => new ThrowsInCallback(TestActor)), $"throws-{i}")).ToList();
        foreach (var actor in actors)
        {
            actor.Tell("await");
            ExpectMsg("awaiting");
            Watch(actor);
        }

        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        var run = CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.UnknownReason.Instance);

        for (var i = 0; i < actors.Count; i++)
            warnings.FishForMessage(m => m is Warning { Message: var text } && $"{text}".Contains("A callback of a cancelled token threw", StringComparison.Ordinal));
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(actors, actor => Assert.Equal(ActorFate.Stopped, report.For(actor)!.Fate));
    }

    [Fact]
    public async Task A_token_callback_that_blocks_does_not_keep_the_other_actors_from_being_cancelled()
    {
        using var gate = new ManualResetEventSlim();
        var guardian = ShutdownGuardian.Get(Sys);
        var blocking = Sys.ActorOf(Props.Create(() => new BlocksInCallback(TestActor, gate)), "blocking");
        blocking.Tell("await");
        ExpectMsg("awaiting");
        var idle = Sys.ActorOf(Idle.Props, "idle");
        Watch(idle);

        var run = CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.UnknownReason.Instance);

        ExpectTerminated(idle, TimeSpan.FromSeconds(10));
        gate.Set();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ActorFate.Stopped, report.For(idle)!.Fate);
    }
}
