using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// <c>shielded-paths</c> patterns shield the matching actors with their subtrees, exactly as <c>Shield</c> does; a
/// matched actor's unprotected ancestor is held until they have stopped.
/// </summary>
public sealed class ShieldedPathsTests() : GuardianTestKit("""actors.shutdown-guardian.shielded-paths = ["/user/ledger", "/user/audit/*"]""")
{
    private static readonly TimeSpan Job = TimeSpan.FromSeconds(2);

    [Fact]
    public void Actors_matching_a_shielded_pattern_finish_their_work_and_their_ancestor_waits_for_them()
    {
        var probe = new Recorder();
        var ledgerProbe = new Recorder();
        var auditProbe = new Recorder();
        var plainProbe = new Recorder();
        var ledger = ActorOf(Worker.Props(ledgerProbe, Job), "ledger");
        var audit = ActorOf(Parent.Props(probe, swallow: 0, ("a", Worker.Props(auditProbe, Job)), ("b", Worker.Props(auditProbe, Job))), "audit");
        var children = probe.ReceiveN(2).Cast<IActorRef>().ToList();
        var plain = ActorOf(Worker.Props(plainProbe, Job), "plain");
        foreach (var worker in children.Append(ledger).Append(plain))
        {
            worker.Tell("work");
            for (var i = 0; i < 20; i++) worker.Tell(i);
        }
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        plainProbe.FishForMessage<Seen>(s => s.What == "stopped");   // cancelled at once (its job ends on its token)
        Advance(Job - TimeSpan.FromSeconds(0.1), armed: 2);
        Settle();
        ExpectNothing(probe);          // the audit parent is held while a and b work
        Advance(TimeSpan.FromSeconds(0.1));
        var auditCancel = Next(probe);
        var report = Ended(run);

        Assert.Equal(("cancel", 1, t0 + Job), (auditCancel.What, auditCancel.Attempt, auditCancel.At));
        foreach (var (worker, workerProbe) in new[] { (ledger, ledgerProbe), (children[0], auditProbe), (children[1], auditProbe) })
        {
            var outcome = report.For(worker)!;
            Assert.Equal((true, ActorFate.Drained, 0, Job), (outcome.Shielded, outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        foreach (var stopped in ledgerProbe.ReceiveN(2).Concat(auditProbe.ReceiveN(4)).Cast<Seen>().Where(s => s.What == "stopped"))
            Assert.Equal((20, false, false), (stopped.Count, stopped.Tripped, stopped.Cancelled));
        Assert.Equal((false, 1, Job), (report.For(audit)!.Shielded, report.For(audit)!.CancelAttempts, report.For(audit)!.StoppedAfter));
        Assert.Equal((false, 1, TimeSpan.Zero), (report.For(plain)!.Shielded, report.For(plain)!.CancelAttempts, report.For(plain)!.StoppedAfter));
    }

    [Fact]
    public void An_actor_created_during_the_drain_that_matches_a_shielded_pattern_is_drained_at_once()
    {
        var probe = new Recorder();
        var audit = ActorOf(Props.Create(() => new SpawnsLate(probe)), "audit");
        var first = probe.ExpectMsg<IActorRef>();   // /user/audit/a, shielded by the pattern, busy for 3 s
        audit.Tell("work");
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        var late = probe.FishForMessage<IActorRef>(_ => true);
        var lateStopped = probe.FishForMessage<Seen>(s => s.What == "stopped" && s.Path == late.Path.ToString());
        Assert.Equal((5, false, false), (lateStopped.Count, lateStopped.Tripped, lateStopped.Cancelled));
        Assert.Equal((true, ActorFate.Drained, 0, Job), (report.For(late)!.Shielded, report.For(late)!.Fate, report.For(late)!.CancelAttempts, report.For(late)!.StoppedAfter));
        Assert.Equal((ActorFate.Drained, TimeSpan.FromSeconds(3)), (report.For(first)!.Fate, report.For(first)!.StoppedAfter));
        var shieldPhase = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop);
        Assert.Equal((false, TimeSpan.FromSeconds(3)), (shieldPhase.TimedOut, shieldPhase.Duration));
    }

    /// <summary>Creates "a" (a 3 s job) at start; "work": after 2 s, creates "late" and sends it 5 messages.</summary>
    private sealed class SpawnsLate : ReceiveActor
    {
        public SpawnsLate(IActorRef probe)
        {
            var first = Context.ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(3)), "a");
            first.Tell("work");
            probe.Tell(first);
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(Job, Context.System.Time, Context.CancellationToken);
                var late = Context.ActorOf(Worker.Props(probe), "late");
                probe.Tell(late);
                for (var i = 0; i < 5; i++) late.Tell(i);
            });
        }
    }
}
