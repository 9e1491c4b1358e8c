using System.Runtime.CompilerServices;

namespace ActorShutdown.Tests.Kernel;

/// <summary>Default restarts, the directives, restart limits, escalation and where a supervisor's strategy comes from.</summary>
public sealed class SupervisionTests() : TestKit.TestKit(manualTime: true)
{
    private sealed record GetState;

    /// <summary>Counts messages in its state; reports its instance number with every reply, and its restart hooks.</summary>
    private sealed class Counter : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly Guid _instance = Guid.NewGuid();
        private int _count;

        public Counter(IActorRef probe)
        {
            _probe = probe;
            Receive<Fail>(f => throw new TestFailure(f.Why));
            Receive<GetState>(_ => Sender.Tell((_instance, _count)));
            Receive<string>(_ => _count++);
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"PreRestart {reason.Message} while handling {message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason) => _probe.Tell($"PostRestart {reason.Message}");
    }

    [Fact]
    public async Task By_default_a_failure_restarts_the_actor_with_a_new_instance_behind_the_same_ref()
    {
        var probe = CreateTestProbe();
        var actor = ActorOf(Props.Create(() => new Counter(probe)));
        actor.Tell("one");
        actor.Tell("two");
        var (firstInstance, count) = await actor.Ask<(Guid, int)>(new GetState()).Bounded();
        Assert.Equal(2, count);

        actor.Tell(new Fail("boom"));

        probe.ExpectMsg<string>(s => s == "PreRestart boom while handling Fail { Why = boom }");
        probe.ExpectMsg<string>(s => s == "PostRestart boom");
        var (secondInstance, countAfter) = await actor.Ask<(Guid, int)>(new GetState()).Bounded();
        Assert.NotEqual(firstInstance, secondInstance);
        Assert.Equal(0, countAfter);   // a fresh instance
    }

    [Fact]
    public void The_default_PreRestart_stops_the_children_and_the_restart_waits_for_them()
    {
        var probe = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new Lifecycle(probe, "p", 2)), "p");
        Assert.Equal(["p-1: PreStart", "p-2: PreStart", "p: PreStart"], probe.ReceiveN(3).Cast<string>().Order());

        parent.Tell(new Fail("restart me"));

        probe.ExpectMsg<string>(s => s == "p: PreRestart restart me");
        // Default PreRestart: stop the children, then PostStop; the new instance starts once the children are gone.
        var stops = probe.ReceiveN(3).Cast<string>().ToList();
        Assert.Equal(["p-1: PostStop", "p-2: PostStop", "p: PostStop"], stops.Order());
        var restart = probe.ReceiveN(4).Cast<string>().ToList();
        Assert.Equal(["p: PostRestart restart me", "p: PreStart"], restart.Where(s => s.StartsWith("p: ", StringComparison.Ordinal)));
        Assert.Equal(["p-1: PreStart", "p-2: PreStart"], restart.Where(s => !s.StartsWith("p: ", StringComparison.Ordinal)).Order());
    }

    /// <summary>A parent whose one child ("slow") it can hold busy, so that its restart has to wait for the child to stop.</summary>
    private sealed class ParentOfSlowChild : ReceiveActor
    {
        public ParentOfSlowChild(IActorRef probe, Task gate)
        {
            probe.Tell(Context.ActorOf(Props.Create(() => new Gated(probe, gate)), "slow"));
            Receive<Fail>(f => throw new TestFailure(f.Why));
            Receive<string>(s => probe.Tell($"handled {s}"));
        }
    }

    [Fact]
    public void A_restart_is_not_a_termination_and_messages_queued_during_the_failure_are_still_processed()
    {
        var gate = Gates.New();
        var parent = ActorOf(Props.Create(() => new ParentOfSlowChild(TestActor, gate.Task)));
        var slow = ExpectMsg<IActorRef>();
        slow.Tell(new Hold());
        ExpectMsg<string>(s => s == "holding");
        var watcher = CreateTestProbe();
        watcher.Watch(parent);

        parent.Tell(new Fail("boom"));
        // The restart now waits for the busy child to stop; these arrive during the failure.
        parent.Tell("queued-1");
        parent.Tell("queued-2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();

        ExpectMsg<string>(s => s == "released");
        var newChild = ExpectMsg<IActorRef>();   // the new instance's constructor
        Assert.NotEqual(slow, newChild);
        ExpectMsg<string>(s => s == "handled queued-1");
        Assert.Equal(parent, LastSender);   // same ref
        ExpectMsg<string>(s => s == "handled queued-2");
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));   // no Terminated: a restart is not a termination
    }

    private sealed class ThrowsInPreRestart : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ThrowsInPreRestart(IActorRef probe)
        {
            _probe = probe;
            Receive<Fail>(f => throw new TestFailure(f.Why));
            Receive<string>(s => Sender.Tell(s));
        }

        protected override void PreRestart(Exception reason, object? message) => throw new InvalidOperationException("PreRestart failed");

        protected override void PostRestart(Exception reason) => _probe.Tell($"PostRestart {reason.Message}");
    }

    [Fact]
    public void A_PreRestart_that_throws_does_not_prevent_the_restart()
    {
        var actor = ActorOf(Props.Create(() => new ThrowsInPreRestart(TestActor)));

        actor.Tell(new Fail("boom"));
        actor.Tell("still here", TestActor);

        ExpectMsg<string>(s => s == "PostRestart boom");
        ExpectMsg<string>(s => s == "still here");
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor() => throw new TestFailure("constructor");
    }

    private sealed class ThrowsInPreStart(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart() => throw new TestFailure("PreStart");

        protected override void PostStop() => probe.Tell("PostStop");
    }

    [Fact]
    public void A_throwing_constructor_is_an_ActorInitializationException_that_stops_the_actor()
    {
        ActorOf(Props.Create(() => new RecordingSupervisor(TestActor, Props.Create<ThrowsInConstructor>())));
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        ExpectMsg<string>(s => s == "decided: ActorInitializationException");
        ExpectTerminated(child);
    }

    [Fact]
    public void A_throwing_PreStart_is_an_ActorInitializationException_that_stops_the_actor_without_PostStop()
    {
        ActorOf(Props.Create(() => new RecordingSupervisor(TestActor, Props.Create(() => new ThrowsInPreStart(TestActor)))));
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        ExpectMsg<string>(s => s == "decided: ActorInitializationException");
        ExpectTerminated(child);   // an ExpectMsg<Terminated>: a "PostStop" first would fail it — the actor never started
    }

    /// <summary>The constructor throws the first time only.</summary>
    private sealed class FailsFirstConstruction : ReceiveActor
    {
        public FailsFirstConstruction(StrongBox<int> constructions)
        {
            if (Interlocked.Increment(ref constructions.Value) == 1) throw new TestFailure("first construction");
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    [Fact]
    public async Task Resuming_an_actor_whose_creation_failed_creates_it_again()
    {
        var resume = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Resume);
        var constructions = new StrongBox<int>();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new FailsFirstConstruction(constructions)), "child")).WithSupervisorStrategy(resume));
        var child = ExpectMsg<IActorRef>();

        Assert.Equal("ping", await child.Ask<string>("ping").Bounded());   // there is no instance to resume: it is created instead
        Assert.Equal(2, constructions.Value);
    }

    [Theory]
    [InlineData(typeof(ActorKilledException), Directive.Stop)]
    [InlineData(typeof(DeathPactException), Directive.Stop)]
    [InlineData(typeof(ActorInitializationException), Directive.Stop)]
    [InlineData(typeof(InvalidOperationException), Directive.Restart)]
    [InlineData(typeof(OperationCanceledException), Directive.Restart)]
    public void The_default_decider_stops_on_kill_death_pact_and_initialization_failures_and_restarts_otherwise(Type exceptionType, Directive expected)
    {
        var cause = (Exception)Activator.CreateInstance(exceptionType, "x")!;
        Assert.Equal(expected, SupervisorStrategy.DefaultDecider(cause));
    }

    [Fact]
    public void OneForOneStrategy_stops_the_child_when_it_fails_more_than_maxNrOfRetries_within_the_time_range()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new Counter(probe)), "child")).WithSupervisorStrategy(strategy));
        var child = ExpectMsg<IActorRef>();
        probe.Watch(child);

        void FailAndExpectRestart(string why)
        {
            child.Tell(new Fail(why));
            probe.ExpectMsg<string>(s => s.StartsWith($"PreRestart {why}", StringComparison.Ordinal));
            probe.ExpectMsg<string>(s => s == $"PostRestart {why}");
        }

        FailAndExpectRestart("1");
        FailAndExpectRestart("2");
        Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));   // the window has passed: counting starts again
        FailAndExpectRestart("3");
        FailAndExpectRestart("4");
        child.Tell(new Fail("5"));   // the third failure within a minute

        probe.ExpectTerminated(child);
    }

    [Fact]
    public void OneForOneStrategy_with_zero_retries_stops_at_the_first_failure()
    {
        var strategy = new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart);
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new Counter(probe)), "child")).WithSupervisorStrategy(strategy));
        var child = ExpectMsg<IActorRef>();
        probe.Watch(child);

        child.Tell(new Fail());

        probe.ExpectTerminated(child);
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state()
    {
        var strategy = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Resume);
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new Counter(probe)), "child")).WithSupervisorStrategy(strategy));
        var child = ExpectMsg<IActorRef>();
        child.Tell("one");
        var (instance, _) = await child.Ask<(Guid, int)>(new GetState()).Bounded();

        child.Tell(new Fail());
        child.Tell("two");

        Assert.Equal((instance, 2), await child.Ask<(Guid, int)>(new GetState()).Bounded());
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));   // no restart hooks
    }

    /// <summary>Creates a <see cref="Lifecycle"/> child "c" and reports its ref; reports its own restarts with the cause.</summary>
    private sealed class ReportingParent : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ReportingParent(IActorRef probe)
        {
            _probe = probe;
            probe.Tell(Context.ActorOf(Props.Create(() => new Lifecycle(probe, "c", 0)), "c"));
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"parent: PreRestart {reason.GetType().Name} {reason.Message}");
            base.PreRestart(reason, message);
        }
    }

    [Fact]
    public void Escalate_fails_the_parent_with_the_same_exception()
    {
        var escalate = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Escalate);
        // The parent escalates its child's failure; its own supervisor (/user) then restarts it by default.
        ActorOf(Props.Create(() => new ReportingParent(TestActor)).WithSupervisorStrategy(escalate));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg<string>(s => s == "c: PreStart");

        child.Tell(new Fail("child boom"));

        ExpectMsg<string>(s => s == "parent: PreRestart TestFailure child boom");
        ExpectMsg<string>(s => s == "c: PostStop");   // stopped by the parent's default PreRestart, not restarted itself
        var newChild = ExpectMsg<IActorRef>();      // the parent's new instance creates a new child
        Assert.NotEqual(child, newChild);
        ExpectMsg<string>(s => s == "c: PreStart");
    }

    [Fact]
    public void StoppingStrategy_stops_a_failing_child()
    {
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new Counter(probe)), "child")).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy));
        var child = ExpectMsg<IActorRef>();
        probe.Watch(child);

        child.Tell(new Fail());

        probe.ExpectTerminated(child);
    }

    /// <summary>Its own strategy resumes every failure and reports that it was asked.</summary>
    private sealed class ResumingParent : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ResumingParent(IActorRef probe, Props child)
        {
            _probe = probe;
            probe.Tell(Context.ActorOf(child, "child"));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ =>
        {
            _probe.Tell("the actor's own strategy decided");
            return Directive.Resume;
        });
    }

    [Fact]
    public void The_actor_SupervisorStrategy_is_used_when_the_props_have_none()
    {
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new ResumingParent(TestActor, Props.Create(() => new Counter(probe)))));
        var child = ExpectMsg<IActorRef>();

        child.Tell(new Fail());

        ExpectMsg<string>(s => s == "the actor's own strategy decided");
    }

    [Fact]
    public void Props_WithSupervisorStrategy_overrides_the_actor_SupervisorStrategy()
    {
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new ResumingParent(TestActor, Props.Create(() => new Counter(probe)))).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy));
        var child = ExpectMsg<IActorRef>();
        probe.Watch(child);

        child.Tell(new Fail());

        probe.ExpectTerminated(child);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));   // the actor's own strategy was not asked
    }

    [Fact]
    public void A_decider_that_throws_stops_the_child()
    {
        var broken = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => throw new InvalidOperationException("decider bug"));
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new Parent(TestActor, Props.Create(() => new Counter(probe)), "child")).WithSupervisorStrategy(broken));
        var child = ExpectMsg<IActorRef>();
        probe.Watch(child);

        child.Tell(new Fail());

        probe.ExpectTerminated(child);
    }
}
