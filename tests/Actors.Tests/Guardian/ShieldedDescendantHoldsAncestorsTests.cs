using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// An unprotected ancestor of a shielded actor is not cancelled while that shielded descendant lives: it gets
/// attempt 1 the moment its last shielded descendant has stopped, and the shield phase's task waits for both.
/// </summary>
public sealed class ShieldedDescendantHoldsAncestorsTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    private static readonly TimeSpan Job = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_parent_of_a_shielded_child_is_cancelled_only_once_the_child_has_stopped()
    {
        var probe = new Recorder();
        var keeperProbe = new Recorder();
        var helperProbe = new Recorder();
        var parent = ActorOf(Parent.Props(probe, swallow: 0,
            ("keeper", Worker.Props(keeperProbe, Job)),
            ("helper", Resister.Props(helperProbe, swallow: 0))), "parent");
        var keeper = probe.ExpectMsg<IActorRef>();
        var helper = probe.ExpectMsg<IActorRef>();
        Guardian.Shield(keeper);
        keeper.Tell("work");
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        var helperCancel = Next(helperProbe);   // an unprotected sibling is cancelled as usual
        Advance(Job - TimeSpan.FromSeconds(0.1), armed: 2);   // the shield phase's timeout and the keeper's job
        Settle();
        ExpectNothing(probe);    // the parent is left alone while the keeper works
        Advance(TimeSpan.FromSeconds(0.1));
        var parentCancel = Next(probe);
        var report = Ended(run);

        Assert.Equal((1, t0), (helperCancel.Attempt, helperCancel.At));
        Assert.Equal(("cancel", 1, t0 + Job), (parentCancel.What, parentCancel.Attempt, parentCancel.At));
        Assert.Equal(("finished", t0 + Job), (Next(keeperProbe).What, t0 + Job));
        var keeperStopped = Next(keeperProbe);
        Assert.Equal(("stopped", false, false), (keeperStopped.What, keeperStopped.Tripped, keeperStopped.Cancelled));
        Assert.Equal((ActorFate.Drained, 0, Job), Summary(report.For(keeper)!));
        Assert.Equal((ActorFate.Stopped, 1, Job), Summary(report.For(parent)!));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), Summary(report.For(helper)!));
        var cancelPhase = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceRequestsDone);
        var shieldPhase = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop);
        Assert.Equal((false, TimeSpan.Zero), (cancelPhase.TimedOut, cancelPhase.Duration));   // the held parent does not hold it
        Assert.Equal((false, Job), (shieldPhase.TimedOut, shieldPhase.Duration));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public void Every_ancestor_is_held_and_a_resisting_one_gets_its_attempts_from_that_moment()
    {
        var probe = new Recorder();
        var keeperProbe = new Recorder();
        var grandparent = ActorOf(Parent.Props(probe, swallow: 1,
            ("mid", Parent.Props(probe, swallow: 0, ("keeper", Worker.Props(keeperProbe, Job))))), "grandparent");
        // Told by two constructors running on their own threads: in either order.
        var refs = probe.ReceiveN(2).Cast<IActorRef>().ToDictionary(r => r.Path.Name);
        var (mid, keeper) = (refs["mid"], refs["keeper"]);
        Guardian.Shield(keeper);
        keeper.Tell("work");
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(Job - TimeSpan.FromSeconds(0.1), armed: 2);
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));
        var report = RunToEnd(run);

        var grandparentOutcome = report.For(grandparent)!;
        Assert.Equal((ActorFate.Stopped, 1, Job), Summary(report.For(mid)!));
        Assert.Equal((ActorFate.Stopped, 2, Job + TimeSpan.FromSeconds(1)), Summary(grandparentOutcome));
        Assert.Equal((ActorFate.Drained, 0, Job), Summary(report.For(keeper)!));
    }

    private static (ActorFate, int, TimeSpan) Summary(ActorOutcome outcome) => (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter);
}
