using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Kernel;

/// <summary>Keyed timers (IWithTimers) on the manual clock.</summary>
public sealed class TimerTests() : TestKit.TestKit(manualTime: true)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(50);

    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, string Message, TimeSpan InitialDelay, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record CancelAll;

    private sealed record IsActive(string Key);

    /// <summary>Starts a single timer, advances the clock so it fires (its message is queued), then changes the timer — all in one handler.</summary>
    private sealed record FireThen(string Key, bool Replace);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe, ManualTime time)
        {
            Receive<StartSingle>(s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                probe.Tell("started");
            });
            Receive<StartPeriodic>(s =>
            {
                Timers.StartPeriodicTimer(s.Key, s.Message, s.InitialDelay, s.Interval);
                probe.Tell("started");
            });
            Receive<CancelTimer>(c =>
            {
                Timers.Cancel(c.Key);
                probe.Tell("cancelled");
            });
            Receive<CancelAll>(_ =>
            {
                Timers.CancelAll();
                probe.Tell("cancelled all");
            });
            Receive<IsActive>(q => probe.Tell(Timers.IsTimerActive(q.Key)));
            Receive<FireThen>(f =>
            {
                Timers.StartSingleTimer(f.Key, "stale", TimeSpan.FromSeconds(1));
                time.Advance(TimeSpan.FromSeconds(1));   // the timer fires now: "stale" is queued behind this handler
                if (f.Replace) Timers.StartSingleTimer(f.Key, "fresh", TimeSpan.FromSeconds(1));
                else Timers.Cancel(f.Key);
                probe.Tell("done");
            });
            Receive<Fail>(f => throw new TestFailure(f.Why));
            ReceiveAny(m => probe.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private IActorRef NewTimerActor() => ActorOf(Props.Create(() => new TimerActor(TestActor, Time)));

    private bool IsTimerActive(IActorRef actor, string key)
    {
        actor.Tell(new IsActive(key));
        return ExpectMsg<bool>();
    }

    [Fact]
    public void A_single_timer_fires_once_after_its_delay()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg<string>(s => s == "started");
        Assert.Equal(1, Time.ActiveTimers);
        Assert.True(IsTimerActive(actor, "k"));

        Time.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(Quiet);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg<string>(s => s == "tick");
        Time.Advance(TimeSpan.FromSeconds(10));

        ExpectNoMsg(Quiet);
        Assert.False(IsTimerActive(actor, "k"));
        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public void Timers_follow_the_manual_clock_not_the_wall_clock()
    {
        Assert.Same(Time, Sys.Time);
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromMilliseconds(1)));
        ExpectMsg<string>(s => s == "started");

        ExpectNoMsg(TimeSpan.FromMilliseconds(150));   // far past 1 ms of real time, but the clock has not moved
        Time.Advance(TimeSpan.FromMilliseconds(1));

        ExpectMsg<string>(s => s == "tick");
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_interval_after_its_initial_delay_until_cancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)));
        ExpectMsg<string>(s => s == "started");

        Time.Advance(TimeSpan.FromMilliseconds(500));
        ExpectMsg<string>(s => s == "tick");
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3).Cast<string>());
        ExpectNoMsg(Quiet);
        Assert.True(IsTimerActive(actor, "k"));

        actor.Tell(new CancelTimer("k"));
        ExpectMsg<string>(s => s == "cancelled");
        Time.Advance(TimeSpan.FromSeconds(5));

        ExpectNoMsg(Quiet);
        Assert.False(IsTimerActive(actor, "k"));
        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public void Starting_a_key_again_replaces_its_timer()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "first", TimeSpan.FromSeconds(1)));
        actor.Tell(new StartSingle("k", "second", TimeSpan.FromSeconds(2)));
        ExpectMsg<string>(s => s == "started");
        ExpectMsg<string>(s => s == "started");
        Assert.Equal(1, Time.ActiveTimers);

        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(Quiet);
        Time.Advance(TimeSpan.FromSeconds(1));

        ExpectMsg<string>(s => s == "second");
    }

    [Fact]
    public void Timers_with_different_keys_are_independent()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("a", "from a", TimeSpan.FromSeconds(1)));
        actor.Tell(new StartSingle("b", "from b", TimeSpan.FromSeconds(2)));
        ExpectMsg<string>(s => s == "started");
        ExpectMsg<string>(s => s == "started");
        actor.Tell(new CancelTimer("a"));
        ExpectMsg<string>(s => s == "cancelled");

        Time.Advance(TimeSpan.FromSeconds(2));

        ExpectMsg<string>(s => s == "from b");
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_cancelled_timer_message_is_never_delivered_even_when_already_queued()
    {
        var actor = NewTimerActor();

        actor.Tell(new FireThen("k", Replace: false));
        ExpectMsg<string>(s => s == "done");
        actor.Tell("ping");

        ExpectMsg<string>(s => s == "ping");   // "stale" was queued before "ping": had it survived, it would come first
        Assert.False(IsTimerActive(actor, "k"));
    }

    [Fact]
    public void A_replaced_timer_message_is_never_delivered_even_when_already_queued()
    {
        var actor = NewTimerActor();

        actor.Tell(new FireThen("k", Replace: true));
        ExpectMsg<string>(s => s == "done");
        actor.Tell("ping");
        ExpectMsg<string>(s => s == "ping");
        Time.Advance(TimeSpan.FromSeconds(1));

        ExpectMsg<string>(s => s == "fresh");
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void CancelAll_cancels_every_timer()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("a", "from a", TimeSpan.FromSeconds(1)));
        actor.Tell(new StartPeriodic("b", "from b", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ExpectMsg<string>(s => s == "started");
        ExpectMsg<string>(s => s == "started");

        actor.Tell(new CancelAll());
        ExpectMsg<string>(s => s == "cancelled all");
        Time.Advance(TimeSpan.FromSeconds(3));

        ExpectNoMsg(Quiet);
        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public void All_timers_end_when_the_actor_restarts()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ExpectMsg<string>(s => s == "started");

        actor.Tell(new Fail());

        Assert.False(IsTimerActive(actor, "k"));   // asked of the new instance
        Assert.Equal(0, Time.ActiveTimers);
        Time.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void All_timers_end_when_the_actor_stops()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ExpectMsg<string>(s => s == "started");
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Equal(0, Time.ActiveTimers);
    }
}
