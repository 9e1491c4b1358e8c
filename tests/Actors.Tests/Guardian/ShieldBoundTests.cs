using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// A shield ends when its bound (<c>Shield(actor, maxDuration)</c>, else <c>shield-timeout</c>) has passed, counted
/// from the start of the cancel phase, when the actor is unshielded, or when the shield phase times out; from then
/// on the actor is cancelled like any other. Each worker here is busy with a 20 s job that ends when its token trips,
/// so its drain cannot end the test before the bound does.
/// </summary>
public sealed class ShieldBoundTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    [Fact]
    public void A_shielded_actor_is_not_cancelled_before_its_bound_and_is_cancelled_at_it()
    {
        var probe = new Recorder();
        var worker = StartBusy(probe, "worker");
        Guardian.Shield(worker, TimeSpan.FromSeconds(3));
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(2.9), armed: 3);   // the shield phase's timeout, the guardian's timer, the job
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(3)), At(Next(probe)));
        var cancel = Next(probe);
        Assert.Equal(("cancel", 1, t0 + TimeSpan.FromSeconds(3)), (cancel.What, cancel.Attempt, cancel.At));
        var outcome = RunToEnd(run).For(worker)!;
        Assert.Equal((true, 1, ActorFate.Stopped, TimeSpan.FromSeconds(3)), (outcome.Shielded, outcome.CancelAttempts, outcome.Fate, outcome.StoppedAfter));
    }

    [Fact]
    public void The_bound_counts_from_the_start_of_the_cancel_phase_not_of_the_run()
    {
        var probe = new Recorder();
        var worker = StartBusy(probe, "worker");
        Guardian.Shield(worker, TimeSpan.FromSeconds(3));
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "slow", token => Task.Delay(TimeSpan.FromSeconds(4), Sys.Time, token));
        var runStart = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(4), armed: 3);   // that phase's timeout, its task's delay, the job
        Advance(TimeSpan.FromSeconds(2.9), armed: 3);
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(("tripped", runStart + TimeSpan.FromSeconds(7)), At(Next(probe)));
        Assert.Equal(TimeSpan.FromSeconds(7), RunToEnd(run).For(worker)!.StoppedAfter);
    }

    [Fact]
    public void After_its_bound_a_shielded_actor_is_cancelled_like_the_rest_attempt_after_attempt()
    {
        var probe = new Recorder();
        var worker = StartBusy(probe, "worker", swallow: 1);
        Guardian.Shield(worker, TimeSpan.FromSeconds(2));
        // An unprotected actor that holds the cancel phase until 5 s, so the shield phase (which would drain the
        // worker: its PoisonPill would stop it right after the Cancel it swallows) starts after the bound.
        Start(Resister.Props(new Recorder(), swallow: 5), "holds-the-cancel-phase");
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(2), armed: 3);
        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(2)), At(Next(probe)));
        var first = Next(probe);
        Advance(TimeSpan.FromSeconds(1), armed: 2);
        var second = Next(probe);

        Assert.Equal((1, t0 + TimeSpan.FromSeconds(2)), (first.Attempt, first.At));
        Assert.Equal((2, t0 + TimeSpan.FromSeconds(3)), (second.Attempt, second.At));
        var outcome = RunToEnd(run).For(worker)!;
        Assert.Equal((2, ActorFate.Stopped, TimeSpan.FromSeconds(3)), (outcome.CancelAttempts, outcome.Fate, outcome.StoppedAfter));
    }

    [Fact]
    public void Unshield_during_shutdown_ends_the_shield_at_once()
    {
        var probe = new Recorder();
        var worker = StartBusy(probe, "worker");
        Guardian.Shield(worker);
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(1.5), armed: 2);   // the shield phase's timeout, the job
        Settle();
        ExpectNothing(probe);
        Guardian.Unshield(worker);

        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(1.5)), At(Next(probe)));
        var cancel = Next(probe);
        Assert.Equal((1, t0 + TimeSpan.FromSeconds(1.5)), (cancel.Attempt, cancel.At));
        Assert.Equal(1, RunToEnd(run).For(worker)!.CancelAttempts);
    }

    [Fact]
    public void Unshield_before_shutdown_leaves_the_actor_unprotected()
    {
        var probe = new Recorder();
        var worker = StartBusy(probe, "worker");
        Guardian.Shield(worker);
        Guardian.Unshield(worker);
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);

        Assert.Equal(("tripped", t0), At(Next(probe)));
        var outcome = RunToEnd(run).For(worker)!;
        Assert.Equal((false, 1, TimeSpan.Zero), (outcome.Shielded, outcome.CancelAttempts, outcome.StoppedAfter));
    }

    private IActorRef StartBusy(IActorRef probe, string name, int swallow = 0)
    {
        var worker = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(20), jobHearsToken: true, swallow), name);
        worker.Tell("work");
        Settle();
        return worker;
    }

    private static (string, DateTimeOffset) At(Seen seen) => (seen.What, seen.At);
}
