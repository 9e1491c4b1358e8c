using System.Runtime.CompilerServices;

namespace ActorShutdown.Tests.Kernel;

/// <summary>The cancellation model (DESIGN §3): cancel requests, the actor's token, Cancel handling, attempts.</summary>
public sealed class CancellationTests() : TestKit.TestKit(manualTime: true)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Handles Cancel by reporting it and carrying on (it resists). <see cref="Hold"/> keeps it busy until the gate
    /// opens; everything else is forwarded.
    /// </summary>
    private sealed class Resister : ReceiveActor
    {
        public Resister(IActorRef probe, Task? gate = null)
        {
            ReceiveAsync<Hold>(async _ =>
            {
                probe.Tell("holding");
                await (gate ?? Task.CompletedTask);
                probe.Tell("released");
            });
            Receive<Cancel>(c => probe.Tell(c));
            ReceiveAny(m => probe.Tell(m));
        }
    }

    /// <summary>"await" makes it await its token forever; reports how that ends, then resists the Cancel that follows.</summary>
    private sealed class AwaitsToken : ReceiveActor
    {
        private readonly IActorRef _probe;

        public AwaitsToken(IActorRef probe)
        {
            _probe = probe;
            var count = 0;
            Receive<string>(_ => count++, s => s == "inc");
            Receive<string>(_ => Sender.Tell(count), s => s == "count");
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("awaiting");
                try
                {
                    await Task.Delay(Timeout.Infinite, Context.CancellationToken);
                }
                finally
                {
                    probe.Tell("the await ended");
                }
            }, s => s == "await");
            Receive<Cancel>(c => probe.Tell(c));
        }

        protected override void PreRestart(Exception reason, object? message) => _probe.Tell("PreRestart");
    }

    [Fact]
    public void A_cancel_request_trips_the_token_of_an_actor_suspended_in_an_await()
    {
        var actor = ActorOf(Props.Create(() => new AwaitsToken(TestActor)));
        actor.Tell("await");
        ExpectMsg<string>(s => s == "awaiting");

        actor.Cancel();

        ExpectMsg<string>(s => s == "the await ended");
        Assert.Equal(1, ExpectMsg<Cancel>().Attempt);
    }

    [Fact]
    public async Task An_OperationCanceledException_from_the_tripped_token_in_an_ordinary_handler_is_not_a_failure()
    {
        var actor = ActorOf(Props.Create(() => new AwaitsToken(TestActor)));
        actor.Tell("inc");
        actor.Tell("inc");
        actor.Tell("await");
        ExpectMsg<string>(s => s == "awaiting");

        actor.Cancel();

        ExpectMsg<string>(s => s == "the await ended");
        ExpectMsg<Cancel>();   // the handler simply ended; the Cancel comes next
        Assert.Equal(2, await actor.Ask<int>("count").Bounded());   // same instance, state kept
        ExpectNoMsg(Quiet);    // and no PreRestart
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.CancellationToken.Register(() => probe.Tell(Environment.CurrentManagedThreadId));
                probe.Tell("registered");
            });
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Token_callbacks_never_run_on_the_thread_that_requested_the_cancel_or_stop(bool cancel)
    {
        var actor = ActorOf(Props.Create(() => new ThreadReporter(TestActor)));
        actor.Tell("register");
        ExpectMsg<string>(s => s == "registered");

        var requester = Environment.CurrentManagedThreadId;
        if (cancel) actor.Cancel();
        else Sys.Stop(actor);

        Assert.NotEqual(requester, ExpectMsg<int>());
    }

    [Fact]
    public void Cancel_is_delivered_ahead_of_the_queued_ordinary_messages_right_after_the_current_handler()
    {
        var gate = Gates.New();
        var actor = ActorOf(Props.Create(() => new Resister(TestActor, gate.Task)));
        actor.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");
        actor.Tell("a");
        actor.Tell("b");

        actor.Cancel();
        ExpectNoMsg(Quiet);   // not while the handler is still running
        gate.SetResult();

        ExpectMsg<string>(s => s == "released");
        ExpectMsg<Cancel>();
        ExpectMsg<string>(s => s == "a");
        ExpectMsg<string>(s => s == "b");
    }

    [Fact]
    public void An_unhandled_Cancel_stops_the_actor_and_its_queued_messages_become_dead_letters()
    {
        var gate = Gates.New();
        var actor = Gated.StartHeld(this, gate.Task);
        Watch(actor);
        var deadLettersBefore = Sys.DeadLetterCount;
        actor.Tell("a");
        actor.Tell("b");

        actor.Cancel();
        gate.SetResult();

        ExpectMsg<string>(s => s == "released");
        ExpectTerminated(actor);
        AwaitCondition(() => Sys.DeadLetterCount == deadLettersBefore + 2);
    }

    private sealed class AsyncCatchAll : ReceiveActor
    {
        public AsyncCatchAll(IActorRef probe) => ReceiveAnyAsync(async m =>
        {
            await Task.Yield();
            probe.Tell(m);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Catch_all_handlers_never_see_Cancel_so_the_actor_is_stopped(bool async)
    {
        var actor = async
            ? ActorOf(Props.Create(() => new AsyncCatchAll(TestActor)))
            : ActorOf(Props.Create(() => new Forwarder(TestActor)));
        actor.Tell("seen");
        ExpectMsg<string>(s => s == "seen");
        Watch(actor);

        actor.Cancel();

        ExpectTerminated(actor);   // ExpectMsg<Terminated> fails if the catch-all forwarded the Cancel first
    }

    private sealed class UntypedCancellable(IActorRef probe, bool resist) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            probe.Tell($"OnReceive {message.GetType().Name}");
            if (!resist) Unhandled(message);
        }
    }

    [Fact]
    public void An_untyped_actor_gets_Cancel_in_OnReceive_and_Unhandled_stops_it()
    {
        var actor = ActorOf(Props.Create(() => new UntypedCancellable(TestActor, false)));
        Watch(actor);

        actor.Cancel();

        ExpectMsg<string>(s => s == "OnReceive Cancel");
        ExpectTerminated(actor);
    }

    [Fact]
    public void An_untyped_actor_that_handles_Cancel_itself_keeps_running()
    {
        var actor = ActorOf(Props.Create(() => new UntypedCancellable(TestActor, true)));
        Watch(actor);

        actor.Cancel();
        ExpectMsg<string>(s => s == "OnReceive Cancel");
        actor.Tell("after");

        ExpectMsg<string>(s => s == "OnReceive String");
    }

    [Fact]
    public void An_actor_that_handles_Cancel_and_does_not_stop_resists_and_keeps_processing_its_messages()
    {
        var gate = Gates.New();
        var actor = ActorOf(Props.Create(() => new Resister(TestActor, gate.Task)));
        Watch(actor);
        actor.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");
        actor.Tell("queued");

        actor.Cancel();
        gate.SetResult();
        ExpectMsg<string>(s => s == "released");
        ExpectMsg<Cancel>();
        ExpectMsg<string>(s => s == "queued");
        actor.Tell("later");

        ExpectMsg<string>(s => s == "later");
        ExpectNoMsg(Quiet);   // no Terminated
    }

    private sealed class CleansUpAndStops : ReceiveActor
    {
        public CleansUpAndStops(IActorRef probe) => Receive<Cancel>(_ =>
        {
            probe.Tell("cleaning up");
            Context.Stop(Self);
        });
    }

    [Fact]
    public void An_actor_may_clean_up_in_its_Cancel_handler_and_then_stop_itself()
    {
        var actor = ActorOf(Props.Create(() => new CleansUpAndStops(TestActor)));
        Watch(actor);

        actor.Cancel();

        ExpectMsg<string>(s => s == "cleaning up");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Each_request_is_the_next_attempt_counted_per_actor()
    {
        var first = ActorOf(Props.Create(() => new Resister(TestActor, null)));
        var other = ActorOf(Props.Create(() => new Resister(TestActor, null)));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            first.Cancel();
            Assert.Equal(attempt, ExpectMsg<Cancel>().Attempt);
        }
        other.Cancel();

        Assert.Equal(1, ExpectMsg<Cancel>().Attempt);
    }

    [Fact]
    public void Requests_made_while_a_Cancel_is_queued_coalesce_into_one_Cancel_with_the_latest_attempt()
    {
        var gate = Gates.New();
        var actor = ActorOf(Props.Create(() => new Resister(TestActor, gate.Task)));
        actor.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");

        actor.Cancel();
        actor.Cancel(ShutdownReason.HostStopping);
        gate.SetResult();

        ExpectMsg<string>(s => s == "released");
        Assert.Equal(new Cancel(2, ShutdownReason.HostStopping), ExpectMsg<Cancel>());
        actor.Tell("ping");
        ExpectMsg<string>(s => s == "ping");   // a second Cancel would have come before it
    }

    [Fact]
    public void The_reason_defaults_to_Unknown_and_a_given_reason_is_passed_on()
    {
        var actor = ActorOf(Props.Create(() => new Resister(TestActor, null)));

        actor.Cancel();
        Assert.Same(ShutdownReason.Unknown, ExpectMsg<Cancel>().Reason);
        actor.Cancel(ShutdownReason.ProcessExit);

        Assert.Same(ShutdownReason.ProcessExit, ExpectMsg<Cancel>().Reason);
    }

    /// <summary>Reports whether its token is tripped: when it holds (after the gate), when it handles Cancel, and afterwards.</summary>
    private sealed class TokenReporter : ReceiveActor
    {
        public TokenReporter(IActorRef probe, Task gate)
        {
            ReceiveAsync<Hold>(async _ =>
            {
                var token = Context.CancellationToken;
                probe.Tell("holding");
                await gate;
                probe.Tell($"hold token tripped: {token.IsCancellationRequested}");
            });
            Receive<Cancel>(_ => probe.Tell($"Cancel token tripped: {Context.CancellationToken.IsCancellationRequested}"));
            Receive<string>(s => probe.Tell($"{s} token tripped: {Context.CancellationToken.IsCancellationRequested}"));
        }
    }

    [Fact]
    public void The_actor_gets_a_fresh_token_when_it_starts_handling_Cancel()
    {
        var gate = Gates.New();
        var actor = ActorOf(Props.Create(() => new TokenReporter(TestActor, gate.Task)));
        actor.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");

        actor.Cancel();
        gate.SetResult();
        actor.Tell("later");

        ExpectMsg<string>(s => s == "hold token tripped: True");
        ExpectMsg<string>(s => s == "Cancel token tripped: False");
        ExpectMsg<string>(s => s == "later token tripped: False");   // after resisting, the fresh token stays usable
    }

    /// <summary>Takes ints as fast as they come; its Cancel handler reports, a few hops later, whether its fresh token got tripped.</summary>
    private sealed class BusyResister : ReceiveActor
    {
        public BusyResister(IActorRef probe, StrongBox<int> inFlight)
        {
            Receive<int>(_ => Interlocked.Decrement(ref inFlight.Value));
            ReceiveAsync<Cancel>(async c =>
            {
                var token = Context.CancellationToken;
                for (var i = 0; i < 3; i++) await Task.Yield();
                probe.Tell((c.Attempt, token.IsCancellationRequested));
            });
        }
    }

    [Fact]
    public async Task A_request_never_trips_the_fresh_token_of_the_Cancel_it_delivers_even_to_an_actor_in_its_run_loop()
    {
        var inFlight = new StrongBox<int>();
        var actor = ActorOf(Props.Create(() => new BusyResister(TestActor, inFlight)));
        using var stopFlood = new CancellationTokenSource();
        // Keeps the actor in its run loop (with a bounded backlog), so it picks up each Cancel the moment a request
        // publishes it: the window in which a request could trip the token of the Cancel it has just delivered.
        var flood = Task.Factory.StartNew(() =>
        {
            while (!stopFlood.IsCancellationRequested)
            {
                if (Volatile.Read(ref inFlight.Value) >= 64)
                {
                    Thread.Yield();
                    continue;
                }
                Interlocked.Increment(ref inFlight.Value);
                actor.Tell(0);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var tripped = 0;
        for (var attempt = 1; attempt <= 1_000; attempt++)
        {
            actor.Cancel();
            // The next request is made only after this report, so a tripped token here was tripped by its own request.
            var (seen, wasTripped) = ExpectMsg<(int, bool)>();
            Assert.Equal(attempt, seen);
            if (wasTripped) tripped++;
        }
        await stopFlood.CancelAsync();
        await flood;

        Assert.Equal(0, tripped);
    }

    /// <summary>
    /// The seed: it catches the first cancellation of its work, starts a slow cleanup (10 s on the system clock)
    /// that awaits its token, and is cancelled again while cleaning up.
    /// </summary>
    private sealed class Seed : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Seed(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("working");
                try
                {
                    await Task.Delay(Timeout.Infinite, Context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    probe.Tell("caught the first cancellation");
                }
            });
            ReceiveAsync<Cancel>(async c =>
            {
                probe.Tell($"cleanup started on attempt {c.Attempt}");
                await Task.Delay(TimeSpan.FromSeconds(10), Context.System.Time, Context.CancellationToken);
                probe.Tell("cleanup finished");
            });
        }

        protected override void PreRestart(Exception reason, object? message) => _probe.Tell("PreRestart");

        protected override void PostStop() => _probe.Tell("PostStop");
    }

    [Fact]
    public void Seed_an_actor_that_catches_the_first_cancellation_and_cleans_up_slowly_ends_on_the_second_request()
    {
        var actor = ActorOf(Props.Create(() => new Seed(TestActor)));
        Watch(actor);
        actor.Tell("work");
        ExpectMsg<string>(s => s == "working");

        actor.Cancel();
        ExpectMsg<string>(s => s == "caught the first cancellation");
        ExpectMsg<string>(s => s == "cleanup started on attempt 1");
        AwaitCondition(() => Time.ActiveTimers == 1);   // the cleanup's delay is armed: it would take 10 s
        ExpectNoMsg(Quiet);                             // one request is not enough
        actor.Cancel();

        ExpectMsg<string>(s => s == "PostStop");        // the OCE in the Cancel handler stopped it: no PreRestart
        ExpectTerminated(actor);
        Assert.Equal(2, ((ActorCell)actor).CancelAttempts);
        Assert.Equal(0, Time.ActiveTimers);             // the cleanup's delay was cancelled, not left behind
    }

    private sealed class CancelHandlerThrows : ReceiveActor
    {
        private readonly IActorRef _probe;

        public CancelHandlerThrows(IActorRef probe)
        {
            _probe = probe;
            Receive<Cancel>(_ => throw new TestFailure("cleanup failed"));
            Receive<string>(_ => throw new OperationCanceledException("not caused by a cancel request"));
        }

        protected override void PreRestart(Exception reason, object? message) => _probe.Tell($"PreRestart {reason.GetType().Name}");
    }

    [Fact]
    public void Any_other_exception_from_a_Cancel_handler_goes_to_supervision()
    {
        var actor = ActorOf(Props.Create(() => new CancelHandlerThrows(TestActor)));

        actor.Cancel();

        ExpectMsg<string>(s => s == "PreRestart TestFailure");
        // A failed cleanup is also kept for the shutdown report.
        Assert.Equal("cleanup failed", Assert.IsType<TestFailure>(((ActorCell)actor).StopFailure).Message);
    }

    [Fact]
    public void An_OperationCanceledException_without_a_cancel_request_is_an_ordinary_failure()
    {
        var actor = ActorOf(Props.Create(() => new CancelHandlerThrows(TestActor)));

        actor.Tell("throw");

        ExpectMsg<string>(s => s == "PreRestart OperationCanceledException");
    }

    private sealed class ReportsTokenTrip : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ReportsTokenTrip(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => Context.Stop(Self), s => s == "stop yourself");
        }

        protected override void PreStart() => Context.CancellationToken.Register(() => _probe.Tell("token tripped"));
    }

    [Theory]
    [InlineData("PoisonPill")]
    [InlineData("Context.Stop")]
    [InlineData("ActorSystem.Stop")]
    [InlineData("Kill")]
    [InlineData("parent stopped")]
    public void The_token_is_tripped_when_the_actor_is_stopped_by_any_means(string how)
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new ReportsTokenTrip(TestActor)), "child")));
        var actor = ExpectMsg<IActorRef>();
        Watch(actor);

        switch (how)
        {
            case "PoisonPill": actor.Tell(PoisonPill.Instance); break;
            case "Context.Stop": actor.Tell("stop yourself"); break;
            case "ActorSystem.Stop": Sys.Stop(actor); break;
            case "Kill": actor.Tell(Kill.Instance); break;
            case "parent stopped": Sys.Stop(parent); break;
        }

        var seen = ReceiveN(2);
        Assert.Contains("token tripped", seen);
        Assert.Single(seen.OfType<Terminated>(), t => t.ActorRef.Equals(actor));
    }

    private sealed class StopsAndWaits : ReceiveActor
    {
        public StopsAndWaits(IActorRef probe, Task gate)
        {
            ReceiveAsync<string>(async _ =>
            {
                Context.Stop(Self);
                probe.Tell("stopping");
                await gate;
                probe.Tell("finishing");
            });
            Receive<Cancel>(c => probe.Tell(c));
        }
    }

    [Fact]
    public void An_actor_that_is_already_stopping_ignores_cancel_requests()
    {
        var gate = Gates.New();
        var actor = ActorOf(Props.Create(() => new StopsAndWaits(TestActor, gate.Task)));
        Watch(actor);
        actor.Tell("go");
        ExpectMsg<string>(s => s == "stopping");

        actor.Cancel();
        actor.Cancel();
        gate.SetResult();

        ExpectMsg<string>(s => s == "finishing");
        ExpectTerminated(actor);   // no Cancel in between
        Assert.Equal(0, ((ActorCell)actor).CancelAttempts);
    }

    [Fact]
    public void A_cancel_request_to_a_dead_actor_does_nothing_and_does_not_throw()
    {
        var actor = ActorOf(Props.Create<Silent>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        actor.Cancel();

        Assert.Equal(0, ((ActorCell)actor).CancelAttempts);
    }
}
