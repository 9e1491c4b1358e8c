namespace ActorShutdown.Tests.Kernel;

/// <summary>One message at a time, async handlers, Become, both actor styles, system-message priority, throughput.</summary>
public sealed class MessageProcessingTests : TestKit.TestKit
{
    private sealed record Report;

    /// <summary>
    /// Sync (int) and async (string) handlers that both check, with an interlocked counter, that nothing else of
    /// the actor runs while they do. The async handler's continuations are part of "while it runs".
    /// </summary>
    private sealed class OverlapChecker : ReceiveActor
    {
        private int _inHandler;
        private int _overlaps;
        private int _handled;

        public OverlapChecker()
        {
            Receive<int>(_ =>
            {
                Enter();
                Exit();
            });
            ReceiveAsync<string>(async _ =>
            {
                Enter();
                await Task.Yield();
                Check();
                await Task.Yield();
                Exit();
            });
            Receive<Report>(_ => Sender.Tell((_handled, _overlaps)));
        }

        private void Enter()
        {
            if (Interlocked.Increment(ref _inHandler) != 1) Interlocked.Increment(ref _overlaps);
        }

        private void Check()
        {
            if (Volatile.Read(ref _inHandler) != 1) Interlocked.Increment(ref _overlaps);
        }

        private void Exit()
        {
            _handled++;
            Interlocked.Decrement(ref _inHandler);
        }
    }

    [Fact]
    public async Task Sync_and_async_handlers_never_overlap_even_with_many_senders()
    {
        var actor = ActorOf(Props.Create<OverlapChecker>());
        const int perSender = 500;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                if ((i + s) % 2 == 0) actor.Tell(i);
                else actor.Tell($"m{i}");
            }
        })));

        var (handled, overlaps) = await actor.Ask<(int, int)>(new Report());

        Assert.Equal(4 * perSender, handled);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void An_async_handler_suspends_ordinary_messages_until_its_task_completes()
    {
        var gate = Gates.New();
        var actor = Gated.StartHeld(this, gate.Task);
        actor.Tell("next");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        gate.SetResult();
        ExpectMsg<string>(s => s == "released");
        ExpectMsg<string>(s => s == "next");
    }

    private sealed class ContinuationReporter : ReceiveActor
    {
        public ContinuationReporter(IActorRef probe, Task gate)
        {
            ReceiveAsync<string>(async m =>
            {
                var sender = Sender;
                await gate;
                // Runs as the actor: the sender is still the message's, and a Tell without a sender comes from Self.
                probe.Tell(ReferenceEquals(sender, Sender) ? $"same sender after await for {m}" : "sender changed");
                probe.Tell(SynchronizationContext.Current is null ? "no actor context" : "actor context");
            });
        }
    }

    [Fact]
    public void An_async_handler_continuation_runs_as_the_actor()
    {
        var gate = Gates.New();
        var probe = CreateTestProbe();
        var actor = ActorOf(Props.Create(() => new ContinuationReporter(probe, gate.Task)));

        actor.Tell("work", TestActor);
        gate.SetResult();   // the continuation is released from the test thread, yet must run on the actor

        Assert.Equal("same sender after await for work", probe.ExpectMsg<string>());
        Assert.Equal(actor, probe.LastSender);
        Assert.Equal("actor context", probe.ExpectMsg<string>());
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<int>(i => Sender.Tell($"int {i}"));
            Receive<string>(_ =>
            {
                Become(() => ReceiveAsync<string>(async s =>
                {
                    await Task.Yield();
                    Sender.Tell($"after switch: {s}");
                }));
                Sender.Tell("switched");
            }, s => s == "switch");
            Receive<string>(s => Sender.Tell($"before switch: {s}"));
        }
    }

    [Fact]
    public void Become_replaces_all_handlers_with_the_new_ones()
    {
        var actor = ActorOf(Props.Create<Switcher>());
        var deadLettersBefore = Sys.DeadLetterCount;

        actor.Tell("a", TestActor);
        actor.Tell(1, TestActor);
        actor.Tell("switch", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell(2, TestActor);   // the int handler is gone: unhandled, a dead letter
        actor.Tell("c", TestActor);

        Assert.Equal("before switch: a", ExpectMsg<string>());
        Assert.Equal("int 1", ExpectMsg<string>());
        Assert.Equal("switched", ExpectMsg<string>());
        Assert.Equal("after switch: b", ExpectMsg<string>());
        Assert.Equal("after switch: c", ExpectMsg<string>());
        Assert.Equal(deadLettersBefore + 1, Sys.DeadLetterCount);
    }

    private sealed class Untyped(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s) probe.Tell($"untyped {s}");
            else Unhandled(message);
        }
    }

    [Fact]
    public void An_untyped_actor_gets_every_message_and_unhandled_ones_become_dead_letters()
    {
        var actor = ActorOf(Props.Create(() => new Untyped(TestActor)));
        var deadLettersBefore = Sys.DeadLetterCount;

        actor.Tell("a");
        actor.Tell(42);
        actor.Tell("b");

        Assert.Equal("untyped a", ExpectMsg<string>());
        Assert.Equal("untyped b", ExpectMsg<string>());
        Assert.Equal(deadLettersBefore + 1, Sys.DeadLetterCount);
    }

    private sealed class FirstMatchWins : ReceiveActor
    {
        public FirstMatchWins(IActorRef probe)
        {
            Receive<int>(i => probe.Tell($"even {i}"), i => i % 2 == 0);
            ReceiveAsync<int>(async i =>
            {
                await Task.Yield();
                probe.Tell($"odd {i}");
            });
            Receive<int>(_ => probe.Tell("never reached"));
        }
    }

    [Fact]
    public void A_receive_actor_takes_the_first_handler_that_matches_type_and_predicate()
    {
        var actor = ActorOf(Props.Create(() => new FirstMatchWins(TestActor)));
        var deadLettersBefore = Sys.DeadLetterCount;

        actor.Tell(2);
        actor.Tell(3);
        actor.Tell("no handler");
        actor.Tell(4);

        Assert.Equal("even 2", ExpectMsg<string>());
        Assert.Equal("odd 3", ExpectMsg<string>());
        Assert.Equal("even 4", ExpectMsg<string>());
        Assert.Equal(deadLettersBefore + 1, Sys.DeadLetterCount);
    }

    /// <summary>Has a <see cref="Lifecycle"/> child "c"; <see cref="Hold"/> keeps it busy until the gate opens.</summary>
    private sealed class BusyParent : ReceiveActor
    {
        public BusyParent(IActorRef probe, Task gate)
        {
            probe.Tell(Context.ActorOf(Props.Create(() => new Lifecycle(probe, "c", 0)), "c"));
            ReceiveAsync<Hold>(async _ =>
            {
                probe.Tell("holding");
                await gate;
                probe.Tell("released");
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void System_messages_overtake_queued_ordinary_ones_even_while_an_async_handler_runs()
    {
        var gate = Gates.New();
        var parent = ActorOf(Props.Create(() => new BusyParent(TestActor, gate.Task)));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg<string>(s => s == "c: PreStart");
        parent.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");
        parent.Tell("queued");

        // The child's failure reaches the parent as a system message: it is supervised (restarted) at once,
        // ahead of the queued ordinary message and while the parent's async handler is still suspended.
        child.Tell(new Fail("child failed"));
        ExpectMsg<string>(s => s == "c: PreRestart child failed");
        ExpectMsg<string>(s => s == "c: PostStop");
        ExpectMsg<string>(s => s == "c: PostRestart child failed");
        ExpectMsg<string>(s => s == "c: PreStart");

        gate.SetResult();
        ExpectMsg<string>(s => s == "released");
        ExpectMsg<string>(s => s == "queued");
    }

    [Fact]
    public void Many_more_messages_than_the_throughput_are_all_delivered_in_order()
    {
        var actor = ActorOf(Props.Create<Echo>());
        const int count = 1_000;   // more than 30 batches

        for (var i = 0; i < count; i++) actor.Tell(i, TestActor);

        var received = ReceiveN(count);
        Assert.Equal(Enumerable.Range(0, count).Cast<object>(), received);
    }
}
