namespace ActorShutdown.Tests.Kernel;

/// <summary>PoisonPill, Stop, Kill, and the stop order: children first, then PostStop, then watchers.</summary>
public sealed class StoppingTests : TestKit.TestKit
{
    [Fact]
    public void PoisonPill_waits_its_turn_and_messages_behind_it_become_dead_letters()
    {
        var actor = ActorOf(Props.Create(() => new Forwarder(TestActor)));
        Watch(actor);
        var deadLettersBefore = Sys.DeadLetterCount;

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(PoisonPill.Instance);
        actor.Tell(3);

        Assert.Equal(1, ExpectMsg<int>());
        Assert.Equal(2, ExpectMsg<int>());
        ExpectTerminated(actor);
        AwaitCondition(() => Sys.DeadLetterCount == deadLettersBefore + 1);
    }

    private sealed class StopsItself : ReceiveActor
    {
        public StopsItself(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Stop(Self);
                probe.Tell("the handler goes on after Context.Stop");
            }, s => s == "stop");
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void Context_Stop_lets_the_current_message_finish_and_the_queued_ones_become_dead_letters()
    {
        var actor = ActorOf(Props.Create(() => new StopsItself(TestActor)));
        Watch(actor);
        var deadLettersBefore = Sys.DeadLetterCount;

        actor.Tell("stop");
        actor.Tell("a");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("b");

        ExpectMsg<string>(s => s == "the handler goes on after Context.Stop");
        ExpectTerminated(actor);
        AwaitCondition(() => Sys.DeadLetterCount == deadLettersBefore + 3);
    }

    [Fact]
    public void System_Stop_overtakes_a_queued_PoisonPill_after_the_current_message_finishes()
    {
        var gate = Gates.New();
        var actor = Gated.StartHeld(this, gate.Task);
        Watch(actor);
        var deadLettersBefore = Sys.DeadLetterCount;
        actor.Tell("a");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("b");

        Sys.Stop(actor);
        gate.SetResult();

        ExpectMsg<string>(s => s == "released");
        ExpectTerminated(actor);
        AwaitCondition(() => Sys.DeadLetterCount == deadLettersBefore + 3);
    }

    [Fact]
    public void Kill_waits_its_turn_then_fails_the_actor_with_ActorKilledException_and_the_supervisor_stops_it()
    {
        ActorOf(Props.Create(() => new RecordingSupervisor(TestActor, Props.Create(() => new Lifecycle(TestActor, "k", 0)))));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg<string>(s => s == "k: PreStart");
        Watch(child);

        child.Tell("before kill");
        child.Tell(Kill.Instance);

        ExpectMsg<string>(s => s == "k: before kill");
        ExpectMsg<string>(s => s == "decided: ActorKilledException");
        ExpectMsg<string>(s => s == "k: PostStop");   // no PreRestart/PostRestart: it is stopped, not restarted
        ExpectTerminated(child);
    }

    [Fact]
    public void An_actor_stops_all_its_children_first_then_runs_PostStop_then_its_watchers_get_Terminated()
    {
        var probe = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new Lifecycle(probe, "p", 3)), "p");
        Assert.Equal(["p-1: PreStart", "p-2: PreStart", "p-3: PreStart", "p: PreStart"], probe.ReceiveN(4).Cast<string>().Order());
        probe.Watch(parent);

        Sys.Stop(parent);

        Assert.Equal(["p-1: PostStop", "p-2: PostStop", "p-3: PostStop"], probe.ReceiveN(3).Cast<string>().Order());
        probe.ExpectMsg<string>(s => s == "p: PostStop");
        var terminated = probe.ExpectTerminated(parent);
        Assert.True(terminated.ExistenceConfirmed);
    }

    /// <summary>A parent with one child it can hold busy ("slow") and two ordinary ones ("fast-1", "fast-2").</summary>
    private sealed class Family : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Family(IActorRef probe, Task gate)
        {
            _probe = probe;
            probe.Tell(Context.ActorOf(Props.Create(() => new Gated(probe, gate)), "slow"));
            Context.ActorOf(Props.Create(() => new Lifecycle(probe, "fast-1", 0)), "fast-1");
            Context.ActorOf(Props.Create(() => new Lifecycle(probe, "fast-2", 0)), "fast-2");
        }

        protected override void PostStop() => _probe.Tell("parent: PostStop");
    }

    [Fact]
    public void Children_are_stopped_all_at_once_and_the_parent_waits_for_the_slowest()
    {
        var gate = Gates.New();
        var parent = ActorOf(Props.Create(() => new Family(TestActor, gate.Task)));
        var slow = ExpectMsg<IActorRef>();
        Assert.Equal(["fast-1: PreStart", "fast-2: PreStart"], ReceiveN(2).Cast<string>().Order());
        slow.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");
        Watch(parent);

        Sys.Stop(parent);

        // The fast children stop while the slow one is still busy: they are not stopped one after another.
        Assert.Equal(["fast-1: PostStop", "fast-2: PostStop"], ReceiveN(2).Cast<string>().Order());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));   // the parent waits for its slow child
        gate.SetResult();
        ExpectMsg<string>(s => s == "released");
        ExpectMsg<string>(s => s == "parent: PostStop");
        ExpectTerminated(parent);
    }

    private sealed class ThrowsInPostStop : ReceiveActor
    {
        protected override void PostStop() => throw new TestFailure("PostStop failed");
    }

    [Fact]
    public void A_PostStop_that_throws_does_not_keep_the_actor_alive_and_its_exception_is_kept_for_the_report()
    {
        var actor = ActorOf(Props.Create<ThrowsInPostStop>());
        Watch(actor);

        Sys.Stop(actor);

        Assert.True(ExpectTerminated(actor).ExistenceConfirmed);
        Assert.Equal("PostStop failed", Assert.IsType<TestFailure>(((ActorCell)actor).StopFailure).Message);
    }

    [Fact]
    public void Stopping_an_actor_twice_or_after_it_has_stopped_is_harmless()
    {
        var actor = ActorOf(Props.Create<Silent>());
        Watch(actor);

        Sys.Stop(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.Stop(actor);
        actor.Tell(PoisonPill.Instance);

        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Creates the child "kid" on "spawn" (replying with it); on "look", replies how many children it has and whether "kid" is one.</summary>
    private sealed class KidParent : ReceiveActor
    {
        public KidParent() => Receive<string>(command =>
        {
            if (command == "spawn") Sender.Tell(Context.ActorOf(Props.Create<Silent>(), "kid"));
            else Sender.Tell((Context.Children.Count, Context.Child("kid") is not null));
        });
    }

    [Fact]
    public async Task A_stopped_child_leaves_its_parents_children_at_once_and_its_name_is_free()
    {
        var parent = ActorOf(Props.Create<KidParent>());
        var kid = await parent.Ask<IActorRef>("spawn");
        Watch(kid);

        Sys.Stop(kid);
        ExpectTerminated(kid);

        // Whether or not the parent has handled the termination notice yet, the dead child is not listed.
        Assert.Equal((0, false), await parent.Ask<(int, bool)>("look"));
        var again = await parent.Ask<IActorRef>("spawn");
        Assert.NotEqual(kid, again);
        Assert.Equal(kid.Path, again.Path);
        Assert.Equal((1, true), await parent.Ask<(int, bool)>("look"));
    }
}
