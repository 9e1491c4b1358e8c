using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// <c>excluded-paths</c> patterns (<c>*</c>: any one name) exclude the matching actors with their subtrees; their
/// ancestors are not cancelled either and stop with the system.
/// </summary>
public sealed class ExcludedPathsTests() : GuardianTestKit("""actors.shutdown-guardian.excluded-paths = ["/user/audit/*"]""")
{
    [Fact]
    public void Actors_matching_an_excluded_pattern_and_their_ancestors_stop_with_the_system()
    {
        var probe = new Recorder();
        var audit = ActorOf(Parent.Props(probe, swallow: 0,
            ("a", Parent.Props(probe, swallow: 0, ("x", Resister.Props(probe, swallow: 0)))),
            ("b", Resister.Props(probe, swallow: 0))), "audit");
        var refs = probe.ReceiveN(3).Cast<IActorRef>().ToDictionary(r => r.Path.Name);
        var otherProbe = new Recorder();
        var other = ActorOf(Resister.Props(otherProbe, swallow: 0), "other");
        var subtree = new[] { audit, refs["a"], refs["x"], refs["b"] };
        var aliveBeforeTheLastPhase = new List<string>();
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "check", _ =>
        {
            aliveBeforeTheLastPhase.AddRange(subtree.Where(r => !((ActorCell)r).IsTerminated).Select(r => r.Path.ToString()));
            return Task.CompletedTask;
        });
        Settle();

        var report = Ended(Begin(ShutdownReason.Unknown));

        Assert.Equal(subtree.Select(r => r.Path.ToString()), aliveBeforeTheLastPhase);
        var events = probe.ReceiveN(4).Cast<Seen>().ToList();   // each one's PostStop, and no Cancel among them
        Assert.All(events, e => Assert.Equal("stopped", e.What));
        Assert.Equal(("cancel", 1), (Next(otherProbe).What, 1));
        Assert.Equal((false, 0), (report.For(audit)!.Excluded, report.For(audit)!.CancelAttempts));
        foreach (var name in new[] { "a", "x", "b" })
            Assert.Equal((true, 0, ActorFate.Stopped), (report.For(refs[name])!.Excluded, report.For(refs[name])!.CancelAttempts, report.For(refs[name])!.Fate));
        Assert.Equal((false, 1), (report.For(other)!.Excluded, report.For(other)!.CancelAttempts));
    }
}
