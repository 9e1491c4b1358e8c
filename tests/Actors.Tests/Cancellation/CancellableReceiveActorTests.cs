using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>The full model on <see cref="CancellableReceiveActor"/>.</summary>
public sealed class CancellableReceiveActorTests(ITestOutputHelper output) : CancellationTestKit(output)
{
    /// <summary>
    /// Counts "count"s (its state), awaits forever with its token on "await" and blocks its thread until the token is
    /// tripped on "spin", without catching anything; holds on a gate on "block"; resists every Cancel, reporting it
    /// and the token it sees then.
    /// </summary>
    private sealed class Worker : CancellableReceiveActor
    {
        private int _count;

        public Worker(IActorRef probe, Task? gate = null)
        {
            ReceiveAsync<string>(m => m == "await", async _ =>
            {
                probe.Tell("awaiting");
                await Task.Delay(Timeout.Infinite, Context.CancellationToken);
                probe.Tell("never");
            });
            ReceiveAsync<string>(m => m == "block", async _ =>
            {
                probe.Tell("blocked");
                await gate!;
            });
            Receive<string>(m => m == "spin", _ =>
            {
                var token = Context.CancellationToken;
                probe.Tell("spinning");
                token.WaitHandle.WaitOne();
                token.ThrowIfCancellationRequested();
            });
            Receive<string>(m => m == "count", _ => probe.Tell(++_count));
            Receive<Cancel>(cancel =>
                probe.Tell(new CancelSeen(cancel.Attempt, cancel.Reason, Context.CancellationToken.IsCancellationRequested)));
            ReceiveAny(message => probe.Tell(message));
        }

        protected override void PreRestart(Exception reason, object message) => throw new InvalidOperationException("restarted");
    }

    [Theory]
    [InlineData("await", "awaiting")]
    [InlineData("spin", "spinning")]
    public void A_cancelled_handler_ends_without_a_restart_and_the_state_and_next_messages_survive(string work, string working)
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(probe, null)));
        actor.Tell("count");
        probe.ExpectMsg(1);
        actor.Tell(work);
        probe.ExpectMsg(working);

        Request(actor);

        // PreRestart throws: a restart would log it and never let the Cancel or "count" through on this instance.
        probe.ExpectMsg(new CancelSeen(1, Reason, false));
        actor.Tell("count");
        probe.ExpectMsg(2);
    }

    [Fact]
    public void Cancel_is_handled_before_the_messages_already_queued_which_then_follow_in_their_order()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(probe, gate.Task)));
        actor.Tell("block");
        probe.ExpectMsg("blocked");
        actor.Tell("m1");
        actor.Tell("m2");
        actor.Tell("m3");

        Request(actor);
        gate.SetResult();

        probe.ExpectMsg(new CancelSeen(1, Reason, false));
        probe.ExpectMsg("m1");
        probe.ExpectMsg("m2");
        probe.ExpectMsg("m3");
    }

    [Fact]
    public void Every_attempt_comes_in_order_with_its_reason_and_a_fresh_token()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(probe, null)));
        var reason = new TestReason();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(attempt, ActorCancellation.Request(actor, reason));
            probe.ExpectMsg(new CancelSeen(attempt, reason, false));
        }
    }

    private sealed class TestReason : CoordinatedShutdown.Reason
    {
        public override int ExitCode => 42;
    }

    /// <summary>Cleans up on Cancel by awaiting its (fresh) token, which the next attempt trips.</summary>
    private sealed class SlowCleanup : CancellableReceiveActor
    {
        public SlowCleanup(IActorRef probe) =>
            ReceiveAsync<Cancel>(async cancel =>
            {
                var token = Context.CancellationToken;
                probe.Tell(new CancelSeen(cancel.Attempt, cancel.Reason, token.IsCancellationRequested));
                await Task.Delay(Timeout.Infinite, token);
            });
    }

    [Fact]
    public void The_next_attempt_interrupts_a_cleanup_awaiting_its_fresh_token_and_the_actor_gives_up()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new SlowCleanup(probe)));
        var watcher = Watching(actor);
        Request(actor);
        probe.ExpectMsg(new CancelSeen(1, Reason, false));

        Assert.Equal(2, Request(actor));

        watcher.ExpectTerminated(actor);
    }

    [Fact]
    public void ReceiveAny_never_sees_Cancel_and_an_unhandled_Cancel_stops_the_actor()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CatchAll(probe)));
        var watcher = Watching(actor);
        actor.Tell("before");
        probe.ExpectMsg("before");

        Request(actor);

        watcher.ExpectTerminated(actor);
        // Had a catch-all seen the Cancel it would have told the probe before the actor stopped.
        probe.ExpectNoMsg(TimeSpan.Zero);
    }

    /// <summary>Every catch-all form of a CancellableReceiveActor, each reporting what it gets.</summary>
    private sealed class CatchAll : CancellableReceiveActor
    {
        public CatchAll(IActorRef probe)
        {
            Receive<object>(message => message is not string, message => probe.Tell(("object", message)));
            Receive<IDeadLetterSuppression>(message => probe.Tell(("suppression", message)));
            var anyType = typeof(object); // the Type overloads, as code that picks the type at run time calls them
            Receive(anyType, message => probe.Tell(("type", message)), message => message is int);
            ReceiveAsync<IEquatable<Cancel>>(message =>
            {
                probe.Tell(("async", message));
                return Task.CompletedTask;
            });
            ReceiveAnyAsync(message =>
            {
                probe.Tell(message);
                return Task.CompletedTask;
            });
        }
    }
}
