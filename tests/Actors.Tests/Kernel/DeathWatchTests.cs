namespace ActorShutdown.Tests.Kernel;

/// <summary>Watch, WatchWith, Unwatch, watching the dead, and the death pact.</summary>
public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed record WatchIt(IActorRef Subject, object? Custom = null);

    private sealed record UnwatchIt(IActorRef Subject);

    /// <summary>Watches on request and reports "watching"; forwards whatever else it gets (Terminated included).</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                if (w.Custom is null) Context.Watch(w.Subject);
                else Context.WatchWith(w.Subject, w.Custom);
                probe.Tell("watching");
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Subject);
                probe.Tell("unwatched");
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    private IActorRef WatcherOf(IActorRef subject, object? custom = null)
    {
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(subject, custom));
        ExpectMsg<string>(s => s == "watching");
        return watcher;
    }

    [Fact]
    public void A_watcher_gets_Terminated_with_ExistenceConfirmed_when_the_subject_stops()
    {
        var subject = ActorOf(Props.Create<Silent>());
        WatcherOf(subject);

        Sys.Stop(subject);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_yields_Terminated_at_once_without_ExistenceConfirmed()
    {
        var subject = ActorOf(Props.Create<Silent>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);

        WatcherOf(subject);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var subject = ActorOf(Props.Create<Silent>());
        WatcherOf(subject, "subject is gone");

        Sys.Stop(subject);

        ExpectMsg<string>(s => s == "subject is gone");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watching_twice_gives_one_Terminated()
    {
        var subject = ActorOf(Props.Create<Silent>());
        var watcher = WatcherOf(subject);
        watcher.Tell(new WatchIt(subject));
        ExpectMsg<string>(s => s == "watching");

        Sys.Stop(subject);

        ExpectMsg<Terminated>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void After_Unwatch_no_Terminated_arrives()
    {
        var subject = ActorOf(Props.Create<Silent>());
        var watcher = WatcherOf(subject);
        watcher.Tell(new UnwatchIt(subject));
        ExpectMsg<string>(s => s == "unwatched");
        Watch(subject);

        Sys.Stop(subject);

        ExpectTerminated(subject);   // the test actor's own watch
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Each_of_several_watchers_is_told_once_and_one_that_unwatched_is_not()
    {
        var subject = ActorOf(Props.Create<Silent>());
        var probes = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var watchers = new IActorRef[probes.Length];
        for (var i = 0; i < probes.Length; i++)
        {
            var probe = probes[i].Ref;
            watchers[i] = ActorOf(Props.Create(() => new Watcher(probe)));
            watchers[i].Tell(new WatchIt(subject));
            probes[i].ExpectMsg<string>(s => s == "watching");
        }
        watchers[1].Tell(new UnwatchIt(subject));
        probes[1].ExpectMsg<string>(s => s == "unwatched");

        Sys.Stop(subject);

        Assert.Equal(subject, probes[0].ExpectMsg<Terminated>().ActorRef);
        Assert.Equal(subject, probes[2].ExpectMsg<Terminated>().ActorRef);
        foreach (var probe in probes) probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    /// <summary>
    /// Watches the subject from its constructor; on <see cref="Hold"/> it reports "holding", awaits the gate, then
    /// unwatches the subject. Forwards everything else, Terminated included.
    /// </summary>
    private sealed class UnwatchesLate : ReceiveActor
    {
        public UnwatchesLate(IActorRef probe, IActorRef subject, Task gate)
        {
            Context.Watch(subject);
            ReceiveAsync<Hold>(async _ =>
            {
                probe.Tell("holding");
                await gate;
                Context.Unwatch(subject);
                probe.Tell("unwatched");
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void Unwatch_also_discards_a_Terminated_that_is_already_queued()
    {
        var gate = Gates.New();
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, Props.Create<Silent>(), "subject")));
        var subject = ExpectMsg<IActorRef>();
        var watcher = ActorOf(Props.Create(() => new UnwatchesLate(TestActor, subject, gate.Task)));
        watcher.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");   // its constructor has run: the watch is registered
        Watch(parent);

        Sys.Stop(parent);
        // A dying actor tells its watchers before its parent, and the parent terminates only after that: once the
        // parent's Terminated is here, the watcher's notice is in its mailbox, behind the handler awaiting the gate.
        ExpectTerminated(parent);
        gate.SetResult();

        ExpectMsg<string>(s => s == "unwatched");
        watcher.Tell("ping");
        ExpectMsg<string>(s => s == "ping");   // had the queued Terminated survived, it would have come first
    }

    [Fact]
    public void An_unhandled_Terminated_throws_DeathPactException_and_the_watcher_is_stopped()
    {
        var subject = ActorOf(Props.Create<Silent>());
        ActorOf(Props.Create(() => new RecordingSupervisor(TestActor, Props.Create(() => new WatchesWithoutHandler(subject)))));
        var watcher = ExpectMsg<IActorRef>();
        Watch(watcher);

        Sys.Stop(subject);

        ExpectMsg<string>(s => s == "decided: DeathPactException");
        ExpectTerminated(watcher);
    }

    private sealed class WatchesWithoutHandler : ReceiveActor
    {
        public WatchesWithoutHandler(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => { });
        }
    }
}
