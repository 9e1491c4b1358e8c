using Akka.Actor;
using Akka.Configuration;
using ActorShutdown;

namespace ActorShutdown.Tests;

/// <summary>
/// The Akka internals the library reads (each use says why). These tests fail loudly, naming what changed, when an
/// Akka upgrade renames or retypes one of them.
/// </summary>
public sealed class AkkaInternalsTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("""
    akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
    akka.shutdown-guardian.run-by-signals = off
    """))
{
    [Fact]
    public void Akkas_phase_order_is_readable_and_is_the_topological_order_of_its_phases()
    {
        var order = AkkaPhaseOrder.Of(CoordinatedShutdown.Get(Sys));

        Assert.Equal(
            [
                "before-service-unbind", "service-unbind", "service-requests-done", "service-stop", "before-cluster-shutdown",
                "cluster-sharding-shutdown-region", "cluster-leave", "cluster-exiting", "cluster-exiting-done", "cluster-shutdown",
                "before-actor-system-terminate", "actor-system-terminate",
            ],
            order);
    }

    [Fact]
    public void The_tree_under_user_is_readable_from_outside_the_actors()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()), "parent");
        AwaitAssert(() => Assert.Equal(2, ActorTree.Children(parent).Count()));

        var top = ActorTree.Children(((ExtendedActorSystem)Sys).Guardian).ToList();

        Assert.Contains(parent, top);
        Assert.Equal(["/user/parent/a", "/user/parent/b"], ActorTree.Children(parent).Select(c => c.Path.ToStringWithoutAddress()).Order());
        Assert.Equal(typeof(Parent), ActorTree.ActorType(parent));
        Assert.False(ActorTree.IsStopping(parent));
        // A leaf's cell holds Akka's empty children container, which HasChildren reads without enumerating.
        Assert.True(ActorTree.HasChildren(parent));
        Assert.False(ActorTree.HasChildren(ActorTree.Children(parent).First()));
        Assert.IsType<Akka.Actor.Internal.EmptyChildrenContainer>(((ActorCell)((ActorRefWithCell)ActorTree.Children(parent).First()).Underlying).ChildrenContainer);
        Assert.Same(parent, ActorTree.Parent(ActorTree.Children(parent).First()));
    }

    [Fact]
    public void A_stopped_actor_reads_as_terminated()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Parent()), "stopped");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.True(ActorTree.IsTerminated(actor));
        Assert.True(ActorTree.IsStopping(actor));
    }

    [Fact]
    public void A_top_level_and_a_nested_actor_stop_by_a_system_message_of_their_own()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()), "direct");
        AwaitAssert(() => Assert.Equal(2, ActorTree.Children(parent).Count()));
        var child = ActorTree.Children(parent).First();
        Watch(parent);
        Watch(child);

        ActorTree.Stop(child);
        ExpectTerminated(child);
        ActorTree.Stop(parent);
        ExpectTerminated(parent);

        AwaitAssert(() => Assert.DoesNotContain(parent, ActorTree.Children(((ExtendedActorSystem)Sys).Guardian)));
    }

    [Fact]
    public void A_watcher_that_is_no_actor_hears_of_a_death_by_a_system_message_and_so_does_one_watching_the_dead()
    {
        var watcher = new DeathWatcher((ExtendedActorSystem)Sys, "test-watch", actor => TestActor.Tell(actor));
        var actor = Sys.ActorOf(Props.Create(() => new Parent()), "watched");

        watcher.Watch(actor);
        // The actor handles the watch (a system message) before Identify: a wrong notice would come before the reply.
        actor.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();
        Sys.Stop(actor);
        ExpectMsg(actor);

        watcher.Watch(actor);
        ExpectMsg(actor);
    }

    [Fact]
    public void The_guardians_actors_run_on_its_own_dispatcher()
    {
        var guardian = ShutdownGuardian.Get(Sys);

        Assert.True(Sys.Dispatchers.HasDispatcher(ShutdownGuardianSettings.DispatcherId));
        Assert.Equal(ShutdownGuardianSettings.DispatcherId, ((ActorRefWithCell)guardian.Ref).Underlying.Props.Dispatcher);
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Context.ActorOf(Props.Create(() => new Parent.Leaf()), "a");
            Context.ActorOf(Props.Create(() => new Parent.Leaf()), "b");
        }

        public sealed class Leaf : ReceiveActor;
    }
}
