using Akka.Actor;

namespace ActorShutdown.Tests.Guardian;

/// <summary>Shielded actors finish their queued work untouched; their ancestors wait for them.</summary>
public sealed class ShieldTests() : GuardianKit
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_shielded_actor_processes_every_queued_message_is_never_cancelled_and_is_drained()
    {
        var ledger = Start(Props.Create(() => new QueueWorker(TestActor, Step, Time)), "ledger");
        Guardian.Shield(ledger);
        for (var i = 1; i <= 6; i++) ledger.Tell(i);

        var report = await RunShutdown();

        Assert.Equal([1, 2, 3, 4, 5, 6], ReceiveN(6).Cast<int>());
        var outcome = Outcome(report, ledger);
        Assert.Equal((ActorFate.Drained, 0, true), (outcome.Fate, outcome.CancelAttempts, outcome.Shielded));
        Assert.Equal(6 * Step, outcome.StoppedAfter);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task A_shielded_path_pattern_protects_the_matching_actors_with_their_subtrees()
    {
        using var kit = new PatternKit();
        var audit = kit.Sys.ActorOf(Props.Create(() => new Parent(Idle.Props)), "audit");
        var a = kit.Sys.ActorOf(Props.Create(() => new Parent(Idle.Props)), "a");
        kit.Identify(audit);
        kit.Identify(a);

        var report = await kit.RunShutdown();

        Assert.True(report.For(audit)!.Shielded);
        Assert.Equal(ActorFate.Drained, report.For(audit)!.Fate);
        Assert.All(report.Actors.Where(o => o.Path.StartsWith("/user/audit/", StringComparison.Ordinal)), o => Assert.Equal((true, 0), (o.Shielded, o.CancelAttempts)));
        Assert.Equal((false, 1), (report.For(a)!.Shielded, report.For(a)!.CancelAttempts));
    }

    [Fact]
    public async Task A_shield_bounded_by_max_duration_ends_then_and_the_actor_is_cancelled_like_any_other()
    {
        var busy = Start(Props.Create(() => new QueueWorker(TestActor, TimeSpan.FromSeconds(10), Time)), "busy");
        Guardian.Shield(busy, TimeSpan.FromSeconds(2));
        busy.Tell(1);
        busy.Tell(2);

        var report = await RunShutdown();

        // Its job ignores the token: from 2 s on it is cancelled like any other actor, resists by being busy, and is
        // escalated one interval after its third attempt (Stop interrupts the job).
        var outcome = Outcome(report, busy);
        Assert.Equal((ActorFate.Escalated, 3, TimeSpan.FromSeconds(2) + 3 * Interval), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        Assert.True(outcome.Shielded);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));   // neither job finished
    }

    [Fact]
    public async Task An_unshielded_actor_is_cancelled_like_any_other()
    {
        var actor = Start(Idle.Props, "actor");
        Guardian.Shield(actor);
        Guardian.Unshield(actor);

        var report = await RunShutdown();

        Assert.Equal((ActorFate.Stopped, 1, false), (Outcome(report, actor).Fate, Outcome(report, actor).CancelAttempts, Outcome(report, actor).Shielded));
    }

    [Fact]
    public async Task The_ancestor_of_a_shielded_actor_is_not_cancelled_before_its_shielded_descendant_has_drained()
    {
        var parent = Start(Props.Create(() => new Parent(Props.Create(() => new QueueWorker(TestActor, Step, Time)))), "parent");
        var worker = parent.Path / "a";
        var a = await Sys.ActorSelection(worker).ResolveOne(TimeSpan.FromSeconds(3));
        Guardian.Shield(a);
        for (var i = 1; i <= 4; i++) a.Tell(i);

        var report = await RunShutdown();

        Assert.Equal([1, 2, 3, 4], ReceiveN(4).Cast<int>());
        Assert.Equal((ActorFate.Drained, 4 * Step), (Outcome(report, a).Fate, Outcome(report, a).StoppedAfter));
        var sibling = report.Actors.Single(o => o.Path == "/user/parent/b");
        Assert.Equal((ActorFate.Stopped, TimeSpan.Zero), (sibling.Fate, sibling.StoppedAfter));
        // Pinned until its shielded child stopped; cancelled then, and it stops at its first attempt.
        Assert.Equal((ActorFate.Stopped, 1, 4 * Step), (Outcome(report, parent).Fate, Outcome(report, parent).CancelAttempts, Outcome(report, parent).StoppedAfter));
    }

    /// <summary>Has a child "a"; on "work" tells the probe "awaiting" and awaits its own token.</summary>
    private sealed class AwaitingParent : CancellableReceiveActor
    {
        public AwaitingParent(IActorRef probe, Props child)
        {
            Context.ActorOf(child, "a");
            ReceiveAsync<string>(_ =>
            {
                probe.Tell("awaiting");
                return AwaitToken.Forever(probe, Context.CancellationToken);
            });
        }
    }

    [Fact]
    public async Task The_token_of_an_ancestor_of_a_shielded_actor_is_tripped_only_once_its_shielded_descendant_has_drained()
    {
        // The tokens tripped ahead of the walk are those the walk cancels at once: not this parent's.
        var parent = Start(Props.Create(() => new AwaitingParent(TestActor, Props.Create(() => new QueueWorker(TestActor, Step, Time)))), "awaiting");
        var worker = await Sys.ActorSelection(parent.Path / "a").ResolveOne(TimeSpan.FromSeconds(3));
        Guardian.Shield(worker);
        worker.Tell(1);
        worker.Tell(2);
        parent.Tell("work");
        ExpectMsg("awaiting");

        var report = await RunShutdown();

        Assert.Equal([1, 2, "interrupted"], ReceiveN(3));
        Assert.Equal((ActorFate.Stopped, 1, 2 * Step), (Outcome(report, parent).Fate, Outcome(report, parent).CancelAttempts, Outcome(report, parent).StoppedAfter));
    }

    [Fact]
    public async Task An_excluded_actor_and_its_ancestors_are_neither_cancelled_nor_drained()
    {
        var parent = Start(Props.Create(() => new Parent(Idle.Props)), "holder");
        var excluded = await Sys.ActorSelection(parent.Path / "a").ResolveOne(TimeSpan.FromSeconds(3));
        Guardian.Exclude(excluded);

        var report = await RunShutdown();

        Assert.Equal((0, true), (Outcome(report, excluded).CancelAttempts, Outcome(report, excluded).Excluded));
        Assert.Equal((0, false), (Outcome(report, parent).CancelAttempts, Outcome(report, parent).Excluded));
        Assert.Equal(1, report.Actors.Single(o => o.Path == "/user/holder/b").CancelAttempts);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task Only_actors_under_user_can_be_protected()
    {
        var error = Assert.Throws<ArgumentException>(() => Guardian.Shield(TestActor));

        Assert.Contains("/system/", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Guardian.Shield(Start(Idle.Props, "x"), TimeSpan.Zero));
    }

    private sealed class PatternKit() : GuardianKit("akka.shutdown-guardian.shielded-paths = [\"/user/audit\"]")
    {
        public void Identify(IActorRef actor)
        {
            actor.Tell(new Identify(null), TestActor);
            ExpectMsg<ActorIdentity>();
        }
    }
}
