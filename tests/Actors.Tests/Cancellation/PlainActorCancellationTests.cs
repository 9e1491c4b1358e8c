using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>Plain Akka actors: the token is tripped out of band, Cancel comes in mailbox order.</summary>
public sealed class PlainActorCancellationTests(ITestOutputHelper output) : CancellationTestKit(output)
{
    /// <summary>
    /// Awaits forever with its token on "await"; reports what ended the await. Without <c>catchCancellation</c> it
    /// lets the cancellation escape, and handles Cancel (resists) so that it stays alive.
    /// </summary>
    private sealed class Awaiter : ReceiveActor
    {
        private int _count;

        public Awaiter(IActorRef probe, bool catchCancellation)
        {
            ReceiveAsync<string>(m => m == "await", async _ =>
            {
                var token = Context.CancellationToken;
                probe.Tell(new TokenSeen("await", token.IsCancellationRequested));
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException) when (catchCancellation)
                {
                    probe.Tell("interrupted");
                }
            });
            Receive<string>(m => m == "count", _ => probe.Tell(++_count));
            if (!catchCancellation)
            {
                Receive<Cancel>(cancel => probe.Tell(cancel));
            }
        }

        protected override void PostRestart(Exception reason) => Context.System.EventStream.Publish(new Restarted(Self, reason));
    }

    private sealed record Restarted(IActorRef Actor, Exception Reason);

    [Fact]
    public void A_request_interrupts_an_await_with_the_token_then_an_unhandled_Cancel_stops_the_actor()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(probe, true)));
        var watcher = Watching(actor);
        actor.Tell("await");
        probe.ExpectMsg(new TokenSeen("await", false));

        Assert.Equal(1, Request(actor));

        probe.ExpectMsg("interrupted");
        watcher.ExpectTerminated(actor);
    }

    [Fact]
    public void A_cancelled_await_escaping_a_plain_actor_restarts_it_and_loses_its_state()
    {
        var probe = CreateTestProbe();
        var restarts = CreateTestProbe();
        Sys.EventStream.Subscribe(restarts, typeof(Restarted));
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(probe, false)));
        actor.Tell("count");
        probe.ExpectMsg(1);
        actor.Tell("await");
        probe.ExpectMsg(new TokenSeen("await", false));

        Request(actor);

        // Akka's behaviour (akka-facts §4): the cancelled task is a failure, the actor restarts.
        Assert.IsType<TaskCanceledException>(restarts.ExpectMsg<Restarted>().Reason);
        Assert.Equal(1, probe.ExpectMsg<Cancel>().Attempt);
        actor.Tell("count");
        probe.ExpectMsg(1);
    }

    /// <summary>Handles Cancel itself and resists: reports the token it sees while handling it.</summary>
    private sealed class Resister : ReceiveActor
    {
        public Resister(IActorRef probe)
        {
            Receive<Cancel>(cancel =>
                probe.Tell(new CancelSeen(cancel.Attempt, cancel.Reason, Context.CancellationToken.IsCancellationRequested)));
            Receive<string>(_ => probe.Tell(new TokenSeen("after", Context.CancellationToken.IsCancellationRequested)));
        }
    }

    [Fact]
    public void A_plain_actor_that_handles_Cancel_gets_a_fresh_token_and_every_attempt_in_order()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Resister(probe)));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(attempt, Request(actor));
            probe.ExpectMsg(new CancelSeen(attempt, Reason, false));
        }
        actor.Tell("next");
        probe.ExpectMsg(new TokenSeen("after", false));
    }
}
