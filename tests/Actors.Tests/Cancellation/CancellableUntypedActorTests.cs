using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>The full model on <see cref="CancellableUntypedActor"/>.</summary>
public sealed class CancellableUntypedActorTests(ITestOutputHelper output) : CancellationTestKit(output)
{
    /// <summary>
    /// Counts "count"s; on "await" awaits forever with its token in RunTask; on "spin" blocks its thread until its
    /// token is tripped, then throws; resists Cancel when told to, else leaves it unhandled.
    /// </summary>
    private sealed class Worker(IActorRef probe, bool resists) : CancellableUntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "count":
                    probe.Tell(++_count);
                    break;
                case "await":
                    var token = Context.CancellationToken;
                    RunTask(async () =>
                    {
                        probe.Tell("awaiting");
                        await Task.Delay(Timeout.Infinite, token);
                    });
                    break;
                case "spin":
                    var spinToken = Context.CancellationToken;
                    probe.Tell("spinning");
                    spinToken.WaitHandle.WaitOne();
                    spinToken.ThrowIfCancellationRequested();
                    break;
                case Cancel cancel when resists:
                    probe.Tell(new CancelSeen(cancel.Attempt, cancel.Reason, Context.CancellationToken.IsCancellationRequested));
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }

        protected override void PreRestart(Exception reason, object message) => probe.Tell("restarting");
    }

    [Theory]
    [InlineData("await", "awaiting")]
    [InlineData("spin", "spinning")]
    public void A_cancelled_handler_ends_without_a_restart_and_the_state_survives(string work, string working)
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(probe, true)));
        actor.Tell("count");
        probe.ExpectMsg(1);
        actor.Tell(work);
        probe.ExpectMsg(working);

        Request(actor);

        probe.ExpectMsg(new CancelSeen(1, Reason, false));
        actor.Tell("count");
        probe.ExpectMsg(2);
    }

    [Fact]
    public void Unhandled_Cancel_stops_the_actor_before_the_messages_queued_behind_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(probe, false)));
        var watcher = Watching(actor);
        actor.Tell("await");
        probe.ExpectMsg("awaiting");
        actor.Tell("count");

        Request(actor);

        watcher.ExpectTerminated(actor);
        // "count" was queued before the Cancel but kept back for it: the actor stopped without counting.
        probe.ExpectNoMsg(TimeSpan.Zero);
    }

    /// <summary>Holds on a gate on "block"; resists Cancel without reading its token; reports everything else.</summary>
    private sealed class QuietResister(IActorRef probe, Task gate) : CancellableUntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "block":
                    RunTask(async () =>
                    {
                        probe.Tell("blocked");
                        await gate;
                    });
                    break;
                case Cancel cancel:
                    probe.Tell(cancel.Attempt);
                    break;
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }

    [Fact]
    public void A_resisting_actor_that_never_reads_its_token_gets_the_deferred_messages_in_order()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new QuietResister(probe, gate.Task)));
        actor.Tell("block");
        probe.ExpectMsg("blocked");
        actor.Tell("m1");
        actor.Tell("m2");

        Request(actor);
        gate.SetResult();

        probe.ExpectMsg(1);
        probe.ExpectMsg("m1");
        probe.ExpectMsg("m2");
        actor.Tell("m3");
        probe.ExpectMsg("m3");
    }
}
