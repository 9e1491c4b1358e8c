namespace ActorShutdown.Tests.Kernel;

/// <summary>GracefulStop and WatchAsync: waiting for an actor to terminate from outside the actor system.</summary>
public sealed class GracefulStopTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task GracefulStop_is_true_once_the_actor_has_stopped()
    {
        var actor = ActorOf(Props.Create(() => new Lifecycle(TestActor, "a", 0)));
        ExpectMsg<string>(s => s == "a: PreStart");
        actor.Tell("before");

        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(5)).Bounded());

        ExpectMsg<string>(s => s == "a: before");   // the PoisonPill waited its turn
        ExpectMsg<string>(s => s == "a: PostStop");
    }

    [Fact]
    public async Task GracefulStop_is_true_for_an_actor_that_is_already_dead()
    {
        var actor = ActorOf(Props.Create<Silent>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(5)).Bounded());
    }

    [Fact]
    public async Task GracefulStop_is_false_without_throwing_when_the_timeout_passes_first()
    {
        var gate = Gates.New();
        var actor = Gated.StartHeld(this, gate.Task);

        var stop = actor.GracefulStop(TimeSpan.FromSeconds(5));
        AwaitCondition(() => Time.ActiveTimers == 1);
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await stop.Bounded());
        Watch(actor);
        gate.SetResult();   // now the PoisonPill gets its turn
        ExpectMsg<string>(s => s == "released");
        ExpectTerminated(actor);
    }

    private sealed class StopsOnRequest : ReceiveActor
    {
        public StopsOnRequest() => Receive<string>(_ => Context.Stop(Self), s => s == "please stop");
    }

    [Fact]
    public async Task GracefulStop_sends_the_given_stop_message_instead_of_PoisonPill()
    {
        var actor = ActorOf(Props.Create<StopsOnRequest>());

        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(5), "please stop").Bounded());
    }

    [Fact]
    public async Task WatchAsync_is_true_when_the_actor_terminates()
    {
        var actor = ActorOf(Props.Create<Silent>());
        var watch = actor.WatchAsync();
        Assert.False(watch.IsCompleted);

        Sys.Stop(actor);

        Assert.True(await watch.Bounded());
    }

    [Fact]
    public async Task WatchAsync_is_true_at_once_for_an_actor_that_is_already_dead()
    {
        var actor = ActorOf(Props.Create<Silent>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.True(await actor.WatchAsync().Bounded());
    }

    [Fact]
    public async Task WatchAsync_is_false_without_throwing_when_cancelled_first()
    {
        var actor = ActorOf(Props.Create(() => new Forwarder(TestActor)));
        using var cts = new CancellationTokenSource();
        var watch = actor.WatchAsync(cts.Token);

        await cts.CancelAsync();

        Assert.False(await watch.Bounded());
        actor.Tell("still alive");
        ExpectMsg<string>(s => s == "still alive");
    }
}
