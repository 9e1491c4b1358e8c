using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

public sealed class GuardianSmokeTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Resisting_twice_stops_after_three_requests_at_t_t_plus_i_t_plus_2i()
    {
        var probe = CreateTestProbe();
        var worker = ActorOf(Chaos.SwallowsCancels(2, probe), "worker");
        probe.ExpectMsg<ChaosEvent>(e => e.What == "started");
        var run = CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown);
        probe.ExpectMsg<ChaosEvent>(e => e.What == "cancel" && e.Attempt == 1);
        AwaitCondition(() => Time.ActiveTimers > 0);
        Time.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsg<ChaosEvent>(e => e.What == "cancel" && e.Attempt == 2);
        Time.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsg<ChaosEvent>(e => e.What == "cancel" && e.Attempt == 3);
        probe.ExpectMsg<ChaosEvent>(e => e.What == "stopped");
        var report = await run.WaitAsync(TimeSpan.FromSeconds(10));
        var outcome = report.For(worker)!;
        Assert.Equal(3, outcome.CancelAttempts);
        Assert.Equal(ActorFate.Stopped, outcome.Fate);
        Assert.Equal(TimeSpan.FromSeconds(2), outcome.StoppedAfter);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task Blocked_actor_is_abandoned_and_shutdown_completes_with_exit_code_3()
    {
        using var release = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var blocker = ActorOf(Chaos.BlocksThread(release, probe), "blocker");
        blocker.Tell("block");
        probe.ExpectMsg<ChaosEvent>(e => e.What == "started");
        probe.ExpectMsg<ChaosEvent>(e => e.What == "blocked");
        var run = CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown);
        for (var i = 0; i < 15 && !run.IsCompleted; i++)
        {
            AwaitCondition(() => Time.ActiveTimers > 0 || run.IsCompleted);
            Time.Advance(TimeSpan.FromSeconds(1));
        }
        var report = await run.WaitAsync(TimeSpan.FromSeconds(10));
        release.Set();
        Assert.Equal(ActorFate.Abandoned, report.For(blocker)!.Fate);
        Assert.Equal(3, report.ExitCode);
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shielded_actor_processes_all_queued_messages_before_stopping()
    {
        var probe = CreateTestProbe();
        var ledger = ActorOf(Props.Create(() => new Counter(probe)), "ledger");
        ShutdownGuardian.Get(Sys).Shield(ledger);
        for (var i = 0; i < 1000; i++) ledger.Tell(i);
        var run = CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown);
        var report = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1000, probe.ExpectMsg<int>());
        var outcome = report.For(ledger)!;
        Assert.Equal(ActorFate.Drained, outcome.Fate);
        Assert.Equal(0, outcome.CancelAttempts);
        Assert.True(outcome.Shielded);
    }

    private sealed class Counter : ReceiveActor
    {
        private int _count;

        private readonly IActorRef _probe;

        public Counter(IActorRef probe)
        {
            _probe = probe;
            Receive<int>(_ => _count++);
            Receive<Cancel>(_ => probe.Tell("cancelled!"));
        }

        protected override void PostStop() => _probe.Tell(_count);
    }
}
