using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>The token's lifetime: tripped when the actor stops, one per incarnation, tripped off the requester's thread.</summary>
public sealed class TokenLifetimeTests(ITestOutputHelper output) : CancellationTestKit(output)
{
    /// <summary>On "await", registers a callback on its token that tells the probe, then awaits forever.</summary>
    private sealed class PlainAwaiter : ReceiveActor
    {
        public PlainAwaiter(IActorRef probe) =>
            ReceiveAsync<string>(async _ => await AwaitToken(probe, Context.CancellationToken));
    }

    /// <summary>The same on the cancellable base; "stop-self" stops itself before awaiting.</summary>
    private sealed class CancellableAwaiter : CancellableReceiveActor
    {
        public CancellableAwaiter(IActorRef probe) =>
            ReceiveAsync<string>(async message =>
            {
                if (message == "stop-self")
                {
                    Context.Stop(Self);
                }
                await AwaitToken(probe, Context.CancellationToken);
            });
    }

    private static async Task AwaitToken(IActorRef probe, CancellationToken token)
    {
        token.Register(() => probe.Tell("tripped"));
        probe.Tell("awaiting");
        await Task.Delay(Timeout.Infinite, token);
    }

    [Fact]
    public void Stopping_a_plain_actor_from_outside_trips_the_token_it_awaits()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new PlainAwaiter(probe)));
        actor.Tell("await");
        probe.ExpectMsg("awaiting");

        Sys.Stop(actor);

        probe.ExpectMsg("tripped");
    }

    [Fact]
    public void Stopping_a_cancellable_actor_from_outside_trips_the_token_it_awaits()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CancellableAwaiter(probe)));
        actor.Tell("await");
        probe.ExpectMsg("awaiting");

        Sys.Stop(actor);

        probe.ExpectMsg("tripped");
    }

    [Fact]
    public void An_actor_that_stops_itself_while_awaiting_has_its_token_tripped()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CancellableAwaiter(probe)));
        var watcher = Watching(actor);

        actor.Tell("stop-self");

        probe.ExpectMsg("awaiting");
        probe.ExpectMsg("tripped");
        watcher.ExpectTerminated(actor);
    }

    /// <summary>
    /// Reads its token in the constructor and on "read"; fails on "fail"; reports whether the constructor's token was
    /// tripped on "ctor-token". Handles Cancel (resists), reporting the token it sees then.
    /// </summary>
    private sealed class Restartable : ReceiveActor
    {
        private static CancellationToken _previous;

        public Restartable(IActorRef probe, Task? gate)
        {
            var constructed = Context.CancellationToken;
            probe.Tell(new TokenSeen("ctor", constructed.IsCancellationRequested));
            probe.Tell(new TokenSeen("previous incarnation", _previous.IsCancellationRequested));
            Receive<string>(m => m == "read", _ =>
            {
                _previous = Context.CancellationToken;
                probe.Tell(new TokenSeen("read", _previous.IsCancellationRequested));
            });
            Receive<string>(m => m == "ctor-token", _ => probe.Tell(new TokenSeen("ctor-token", constructed.IsCancellationRequested)));
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("fail"));
            ReceiveAsync<string>(m => m == "fail-later", async _ =>
            {
                await gate!;
                throw new InvalidOperationException("fail");
            });
            // A plain actor's token is fresh again once it has read it while handling the Cancel.
            Receive<Cancel>(cancel =>
                probe.Tell(new CancelSeen(cancel.Attempt, cancel.Reason, Context.CancellationToken.IsCancellationRequested)));
        }
    }

    [Fact]
    public void A_restarted_actor_gets_an_untripped_token_and_the_old_incarnation_one_is_tripped()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Restartable(probe, null)));
        probe.ExpectMsg(new TokenSeen("ctor", false));
        probe.ExpectMsg<TokenSeen>();
        actor.Tell("read");
        probe.ExpectMsg(new TokenSeen("read", false));

        actor.Tell("fail");

        probe.ExpectMsg(new TokenSeen("ctor", false));
        probe.ExpectMsg(new TokenSeen("previous incarnation", true));
        actor.Tell("read");
        probe.ExpectMsg(new TokenSeen("read", false));
        // The token the new incarnation read in its constructor is its own: not tripped by its first run.
        actor.Tell("ctor-token");
        probe.ExpectMsg(new TokenSeen("ctor-token", false));
    }

    [Fact]
    public void A_restarted_actor_gets_a_tripped_token_while_a_request_is_pending()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Restartable(probe, gate.Task)));
        probe.ExpectMsg(new TokenSeen("ctor", false));
        probe.ExpectMsg<TokenSeen>();
        actor.Tell("fail-later");
        Request(actor);

        gate.SetResult();

        probe.ExpectMsg(new TokenSeen("ctor", true));
        probe.ExpectMsg<TokenSeen>();
        probe.ExpectMsg(new CancelSeen(1, Reason, false));
        actor.Tell("read");
        probe.ExpectMsg(new TokenSeen("read", false));
    }

    /// <summary>On "read", reports its token and has it tell the probe when tripped; fails on "fail".</summary>
    private sealed class CancellableRestartable : CancellableReceiveActor
    {
        private readonly IActorRef _probe;

        public CancellableRestartable(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(m => m == "read", _ =>
            {
                var token = Context.CancellationToken;
                token.Register(() => probe.Tell("tripped"));
                probe.Tell(new TokenSeen("read", token.IsCancellationRequested));
            });
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("fail"));
        }

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted");
    }

    [Fact]
    public void A_cancellable_actor_restarting_trips_its_token_at_once_and_the_next_incarnation_gets_a_fresh_one()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CancellableRestartable(probe)));
        actor.Tell("read");
        probe.ExpectMsg(new TokenSeen("read", false));

        actor.Tell("fail");

        probe.ExpectMsgAllOf(["tripped", "restarted"]);
        actor.Tell("read");
        probe.ExpectMsg(new TokenSeen("read", false));
    }

    /// <summary>Reads its token in PreStart.</summary>
    private sealed class ReadsAtStart(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell(new TokenSeen("start", Context.CancellationToken.IsCancellationRequested));

        protected override void OnReceive(object message) => probe.Tell(message);
    }

    [Fact]
    public void A_request_made_before_the_actor_has_started_is_not_lost()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ReadsAtStart(probe)));

        Request(actor);

        probe.ExpectMsg(new TokenSeen("start", true));
        Assert.Equal(1, probe.ExpectMsg<Cancel>().Attempt);
    }

    /// <summary>Reads its token only on "read"; "block" waits for the gate; reports every Cancel.</summary>
    private sealed class LateReader : ReceiveActor
    {
        public LateReader(IActorRef probe, Task gate)
        {
            ReceiveAsync<string>(m => m == "block", _ => gate);
            Receive<string>(m => m == "read", _ => probe.Tell(new TokenSeen("read", Context.CancellationToken.IsCancellationRequested)));
            Receive<Cancel>(c => probe.Tell(new CancelSeen(c.Attempt, c.Reason, false)));
        }
    }

    [Fact]
    public void Requests_for_a_plain_actor_that_never_read_its_token_are_counted_and_a_token_read_while_one_is_pending_is_tripped()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new LateReader(probe, gate.Task)));
        actor.Tell("block");
        actor.Tell("read");

        // The actor runs and has no state: the request is counted alone, behind the "read" already queued.
        Assert.Equal(1, Request(actor));
        gate.SetResult();

        probe.ExpectMsg(new TokenSeen("read", true));
        probe.ExpectMsg(new CancelSeen(1, Reason, false));
        Assert.Equal(2, Request(actor));
        probe.ExpectMsg(new CancelSeen(2, Reason, false));
    }

    /// <summary>Registers a callback on its token that tells the probe the thread it runs on.</summary>
    private sealed class RecordsCallbackThread : ReceiveActor
    {
        public RecordsCallbackThread(IActorRef probe) =>
            Receive<string>(_ =>
            {
                Context.CancellationToken.Register(() => probe.Tell(Environment.CurrentManagedThreadId));
                probe.Tell("registered");
            });
    }

    [Fact]
    public void Token_callbacks_never_run_on_the_requesters_thread()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new RecordsCallbackThread(probe)));
        actor.Tell("register");
        probe.ExpectMsg("registered");

        Request(actor);

        Assert.NotEqual(Environment.CurrentManagedThreadId, probe.ExpectMsg<int>());
    }

    /// <summary>A do-nothing actor whose cell the accessor test reads.</summary>
    private sealed class Idle : ReceiveActor;

    [Fact]
    public void Akkas_internal_members_read_through_UnsafeAccessor_still_exist()
    {
        // Fails with MissingMethodException if Akka renames ActorCell.Actor or ActorBase.HasBeenCleared.
        var actor = ActorOfAsTestActorRef<Idle>(Props.Create<Idle>());
        var cell = (ActorCell)((ActorRefWithCell)actor.Ref).Underlying;
        Assert.Same(actor.UnderlyingActor, ActorIncarnation.Running(cell));

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Null(ActorIncarnation.Running(cell));
    }
}
