using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// Protections inside protected subtrees: an excluded actor under a shielded one, a shield that outlives its
/// ancestor's, and Unshield of an actor covered by its parent's shield.
/// </summary>
public sealed class NestedProtectionTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    [Fact]
    public void An_excluded_actor_under_a_shielded_one_is_not_drained_and_its_shielded_ancestor_stops_with_the_system()
    {
        var probe = new Recorder();
        var metricsProbe = new Recorder();
        var writerProbe = new Recorder();
        var ledger = ActorOf(Parent.Props(probe, swallow: 0,
            ("metrics", Worker.Props(metricsProbe)),
            ("writer", Worker.Props(writerProbe, TimeSpan.FromSeconds(2)))), "ledger");
        var children = probe.ReceiveN(2).Cast<IActorRef>().ToDictionary(c => c.Path.Name);
        Guardian.Shield(ledger);
        Guardian.Exclude(children["metrics"]);
        children["writer"].Tell("work");
        for (var i = 0; i < 10; i++) children["writer"].Tell(i);
        var aliveBeforeTheLastPhase = new List<string>();
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "check", _ =>
        {
            aliveBeforeTheLastPhase.AddRange(new[] { ledger, children["metrics"] }.Where(a => !((ActorCell)a).IsTerminated).Select(a => a.Path.Name));
            return Task.CompletedTask;
        });
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        Assert.Equal(["ledger", "metrics"], aliveBeforeTheLastPhase);
        var writerStopped = writerProbe.FishForMessage<Seen>(s => s.What == "stopped");
        Assert.Equal((10, false, false), (writerStopped.Count, writerStopped.Tripped, writerStopped.Cancelled));
        Assert.False(Next(metricsProbe).Cancelled);
        Next(probe, s => s.What == "stopped");   // the ledger: no Cancel before its stop
        Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(2)), Summary(report.For(children["writer"])!));
        Assert.Equal((ActorFate.Stopped, 0), (report.For(children["metrics"])!.Fate, report.For(children["metrics"])!.CancelAttempts));
        Assert.True(report.For(children["metrics"])!.Excluded);
        Assert.Equal((ActorFate.Stopped, 0, true), (report.For(ledger)!.Fate, report.For(ledger)!.CancelAttempts, report.For(ledger)!.Shielded));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public void A_shield_that_outlives_its_ancestor_s_keeps_the_ancestor_from_being_cancelled_until_it_has_drained()
    {
        var probe = new Recorder();
        var innerProbe = new Recorder();
        var outer = ActorOf(Parent.Props(probe, swallow: 0, ("inner", Worker.Props(innerProbe, TimeSpan.FromSeconds(3)))), "outer");
        var inner = probe.ExpectMsg<IActorRef>();
        Guardian.Shield(outer, TimeSpan.FromSeconds(1));
        Guardian.Shield(inner);
        inner.Tell("work");
        for (var i = 0; i < 10; i++) inner.Tell(i);
        // Holds the cancel phase until 2 s, so the outer shield ends (at 1 s) before the shield phase begins.
        Start(Resister.Props(new Recorder(), swallow: 2), "holds-the-cancel-phase");
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        for (var second = 1; second <= 2; second++) Advance(TimeSpan.FromSeconds(1), armed: 3);
        Settle();
        ExpectNothing(probe);   // the outer shield has ended, but the outer actor is held
        Advance(TimeSpan.FromSeconds(1), armed: 2);          // the shield phase's timeout and the inner job
        var outerCancel = Next(probe);
        var report = Ended(run);

        Assert.Equal(("cancel", 1, t0 + TimeSpan.FromSeconds(3)), (outerCancel.What, outerCancel.Attempt, outerCancel.At));
        var innerStopped = innerProbe.FishForMessage<Seen>(s => s.What == "stopped");
        Assert.Equal((10, false, false), (innerStopped.Count, innerStopped.Tripped, innerStopped.Cancelled));
        Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(3)), Summary(report.For(inner)!));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.FromSeconds(3)), Summary(report.For(outer)!));
    }

    [Fact]
    public void Unshield_of_an_actor_covered_by_its_parent_s_shield_changes_nothing()
    {
        var (parent, child, childProbe) = ShieldedParentWithBusyChild();

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(1), armed: 2);
        Guardian.Unshield(child);
        Settle();
        ExpectNothing(childProbe);
        var report = RunToEnd(run);

        Assert.Equal("finished", Next(childProbe).What);
        Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(3)), Summary(report.For(child)!));
        Assert.Equal((ActorFate.Drained, 0), (report.For(parent)!.Fate, report.For(parent)!.CancelAttempts));
    }

    [Fact]
    public void Unshield_of_the_actor_that_owns_the_shield_ends_it_for_its_whole_subtree()
    {
        var (parent, child, childProbe) = ShieldedParentWithBusyChild();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(1), armed: 2);
        Guardian.Unshield(parent);

        var tripped = Next(childProbe);
        Assert.Equal(("tripped", t0 + TimeSpan.FromSeconds(1)), (tripped.What, tripped.At));
        var report = RunToEnd(run);
        Assert.Equal(TimeSpan.FromSeconds(1), report.For(child)!.StoppedAfter);
        Assert.NotEqual(ActorFate.Drained, report.For(child)!.Fate);
    }

    /// <summary>A shielded parent and its child, busy with a 3 s job that listens to its token.</summary>
    private (IActorRef Parent, IActorRef Child, Recorder ChildProbe) ShieldedParentWithBusyChild()
    {
        var probe = new Recorder();
        var childProbe = new Recorder();
        var parent = ActorOf(Parent.Props(probe, swallow: 0, ("child", Worker.Props(childProbe, TimeSpan.FromSeconds(3)))), "parent");
        var child = probe.ExpectMsg<IActorRef>();
        Guardian.Shield(parent);
        child.Tell("work");
        Settle();
        return (parent, child, childProbe);
    }

    private static (ActorFate, int, TimeSpan) Summary(ActorOutcome outcome) => (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter);
}
