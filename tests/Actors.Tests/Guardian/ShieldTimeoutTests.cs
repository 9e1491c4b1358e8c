using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary><c>shield-timeout</c> bounds the shields registered without their own bound.</summary>
public sealed class ShieldTimeoutTests() : GuardianTestKit("actors.shutdown-guardian.shield-timeout = 2s")
{
    [Fact]
    public void A_shield_without_its_own_bound_ends_after_shield_timeout()
    {
        var probe = new Recorder();
        var worker = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(20)), "worker");
        worker.Tell("work");
        Guardian.Shield(worker);
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(1.9), armed: 3);
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));

        var tripped = Next(probe);
        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(2)), (tripped.What, tripped.At));
        Assert.Equal(TimeSpan.FromSeconds(2), RunToEnd(run).For(worker)!.StoppedAfter);
    }

    [Fact]
    public void Its_own_bound_wins_over_shield_timeout()
    {
        var probe = new Recorder();
        var worker = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(20)), "worker");
        worker.Tell("work");
        Guardian.Shield(worker, TimeSpan.FromSeconds(5));
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(4.9), armed: 3);
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(5)), (Next(probe).What, Now));
        Assert.Equal(TimeSpan.FromSeconds(5), RunToEnd(run).For(worker)!.StoppedAfter);
    }
}
