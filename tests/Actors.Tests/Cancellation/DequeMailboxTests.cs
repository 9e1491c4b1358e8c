using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>The cancellable bases on ActorShutdown's deque mailbox, selected as <c>WithShutdownGuardian</c> selects it.</summary>
public sealed class DequeMailboxTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(
    ConfigurationFactory.ParseString($"akka.actor.mailbox.unbounded-deque-based.mailbox-type = \"{DequeMailbox.TypeName}\""), output: output)
{
    /// <summary>Holds on the gate on "block"; reports every other string and every Cancel, which it resists.</summary>
    private sealed class Blocker : CancellableReceiveActor
    {
        public Blocker(IActorRef probe, Task gate)
        {
            ReceiveAsync<string>(m => m == "block", async _ =>
            {
                probe.Tell("blocked");
                await gate;
            });
            Receive<string>(probe.Tell);
            Receive<Cancel>(cancel => probe.Tell(cancel.Attempt));
        }
    }

    [Fact]
    public void Cancel_comes_before_the_messages_already_queued_which_then_follow_in_their_order()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(TestActor, gate.Task)));
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("a");
        actor.Tell("b");

        ActorCancellation.Request(actor, CoordinatedShutdown.UnknownReason.Instance);
        gate.SetResult();

        Assert.IsType<DequeMailbox.Deque>(((ActorCell)((ActorRefWithCell)actor).Underlying).Mailbox!.MessageQueue);
        ExpectMsg(1);
        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void Its_type_name_resolves_and_a_stashing_actor_gets_it_too()
    {
        Assert.Equal(typeof(DequeMailbox), Type.GetType(DequeMailbox.TypeName));
        var stasher = Sys.ActorOf(Props.Create(() => new Stasher()));
        stasher.Tell("x");
        stasher.Tell("go");

        ExpectMsg("x");
        Assert.IsType<DequeMailbox.Deque>(((ActorCell)((ActorRefWithCell)stasher).Underlying).Mailbox!.MessageQueue);
    }

    /// <summary>Stashes everything until "go", then replays it to the sender.</summary>
    private sealed class Stasher : ReceiveActor, IWithUnboundedStash
    {
        public Stasher()
        {
            Receive<string>(m => m == "go", _ =>
            {
                Become(() => ReceiveAny(m => Sender.Tell(m)));
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }
}
