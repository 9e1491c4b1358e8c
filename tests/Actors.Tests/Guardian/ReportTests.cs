using System.Text.Json;
using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// The report has an entry for every actor in scope — its fate, attempts, when it stopped, what it threw — in
/// <see cref="ShutdownReport.Actors"/>, through <see cref="ShutdownReport.For"/>, as JSON and in the summary.
/// </summary>
public sealed class ReportTests() : GuardianTestKit("""
    actors.shutdown-guardian.cancel-interval = 1s
    actors.shutdown-guardian.max-cancel-attempts = 2
    actors.shutdown-guardian.escalation-timeout = 1s
    """)
{
    [Fact]
    public void Every_actor_in_scope_has_an_entry_with_its_fate_attempts_and_stop_time()
    {
        var (report, actors) = RunMix();

        Assert.Equal(actors.Values.Select(a => a.Path.ToString()).Order(), report.Actors.Select(a => a.Path).Order());
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), Summary(report.For(actors["plain"])!));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), Summary(report.For(actors["child"])!));
        Assert.Equal((ActorFate.Stopped, 2, TimeSpan.FromSeconds(1)), Summary(report.For(actors["resister"])!));
        Assert.Equal((ActorFate.Escalated, 2, TimeSpan.FromSeconds(2)), Summary(report.For(actors["stubborn"])!));
        Assert.Equal((ActorFate.Abandoned, 2, TimeSpan.FromSeconds(3)), Summary(report.For(actors["blocker"])!));
        Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(3)), Summary(report.For(actors["shielded"])!));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), Summary(report.For(actors["thrower"])!));
        Assert.Equal((ActorFate.Stopped, 0), (report.For(actors["excluded"])!.Fate, report.For(actors["excluded"])!.CancelAttempts));
        Assert.Equal((true, false), (report.For(actors["shielded"])!.Shielded, report.For(actors["shielded"])!.Excluded));
        Assert.Equal((false, true), (report.For(actors["excluded"])!.Shielded, report.For(actors["excluded"])!.Excluded));
        Assert.Null(report.For(TestActor));   // not in scope
        Assert.Equal(3, report.ExitCode);
    }

    [Fact]
    public void With_nothing_protected_every_actor_of_a_tree_is_in_the_report()
    {
        // Nothing is protected, so each subtree is cancelled as soon as it is walked: a parent stopping its children
        // must not take them out of the scope before they were seen.
        var probe = new Recorder();
        var tree = Start(Parent.Props(probe, swallow: 0,
            ("a", Parent.Props(probe, swallow: 0, ("a1", Idle.Props), ("a2", Idle.Props))),
            ("b", Idle.Props)), "tree");
        Start(Idle.Props, "other");

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        Assert.Equal(["/user/other", "/user/tree", "/user/tree/a", "/user/tree/a/a1", "/user/tree/a/a2", "/user/tree/b"],
            report.Actors.Select(a => a.Path).Order());
        Assert.All(report.Actors, a => Assert.Equal(ActorFate.Stopped, a.Fate));
        Assert.Equal(1, report.For(tree)!.CancelAttempts);
        Assert.True(report.Clean);
    }

    [Fact]
    public void An_exception_thrown_while_stopping_is_recorded_and_logged_once()
    {
        var (report, actors) = RunMix();

        var failure = Assert.IsType<InvalidOperationException>(report.For(actors["thrower"])!.Failure);
        Assert.Equal("/user/thrower failed in its cleanup", failure.Message);
        Assert.Single(Logs.Lines, l => l.Text.Contains("/user/thrower failed in its cleanup", StringComparison.Ordinal));
        Assert.All(report.Actors.Where(a => a.Path != "/user/thrower"), a => Assert.Null(a.Failure));
    }

    [Fact]
    public void An_exception_thrown_by_a_cleanup_is_recorded_and_logged_once()
    {
        var actor = Start(Props.Create(() => new FailsItsFirstCleanup()), "fails-first-cleanup");

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        // Restarted by its supervisor after the failed cleanup, it stopped on the second attempt.
        var outcome = report.For(actor)!;
        Assert.Equal((ActorFate.Stopped, 2), (outcome.Fate, outcome.CancelAttempts));
        Assert.Equal("cleanup failed", Assert.IsType<InvalidOperationException>(outcome.Failure).Message);
        Assert.Single(Logs.Lines, l => l.Text.Contains("cleanup failed", StringComparison.Ordinal));
        Assert.Contains("failed: /user/fails-first-cleanup (InvalidOperationException: cleanup failed)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_has_every_actor_with_stable_field_names()
    {
        var (report, actors) = RunMix();

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal((3, false), (root.GetProperty("exitCode").GetInt32(), root.GetProperty("clean").GetBoolean()));
        var entries = root.GetProperty("actors").EnumerateArray().ToDictionary(a => a.GetProperty("path").GetString()!);
        Assert.Equal(actors.Count, entries.Count);
        var stubborn = entries["/user/stubborn"];
        Assert.Equal(("Escalated", 2, 2000.0, false, false, JsonValueKind.Null),
            (stubborn.GetProperty("fate").GetString(), stubborn.GetProperty("cancelAttempts").GetInt32(), stubborn.GetProperty("stoppedAfterMs").GetDouble(),
             stubborn.GetProperty("shielded").GetBoolean(), stubborn.GetProperty("excluded").GetBoolean(), stubborn.GetProperty("failure").ValueKind));
        Assert.True(entries["/user/shielded"].GetProperty("shielded").GetBoolean());
        Assert.Equal("Abandoned", entries["/user/blocker"].GetProperty("fate").GetString());
        var failure = entries["/user/thrower"].GetProperty("failure");
        Assert.Equal(("System.InvalidOperationException", "/user/thrower failed in its cleanup"),
            (failure.GetProperty("type").GetString(), failure.GetProperty("message").GetString()));
    }

    [Fact]
    public void The_summary_names_the_notable_actors()
    {
        var (report, _) = RunMix();

        var text = report.ToString();
        Assert.Contains("/user/resister (2 attempts)", text, StringComparison.Ordinal);
        Assert.Contains("escalated: /user/stubborn", text, StringComparison.Ordinal);
        Assert.Contains("abandoned: /user/blocker", text, StringComparison.Ordinal);
        Assert.Contains("failed: /user/thrower (InvalidOperationException: /user/thrower failed in its cleanup)", text, StringComparison.Ordinal);
        Assert.Contains("shielded: /user/shielded (drained)", text, StringComparison.Ordinal);
        Assert.Contains("Actors: 8, 5 stopped, 1 drained, 1 escalated, 1 abandoned, 0 running", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/user/plain", text, StringComparison.Ordinal);   // nothing notable about it
    }

    /// <summary>
    /// Runs a shutdown over one actor of each kind: plain (with a child), resisting once, resisting every attempt
    /// (escalated at 2 s), blocked on its thread (abandoned at 3 s), shielded, throwing in its cleanup, excluded.
    /// </summary>
    private (ShutdownReport, Dictionary<string, IActorRef>) RunMix()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var probe = new Recorder();
            var actors = new Dictionary<string, IActorRef>
            {
                ["plain"] = ActorOf(Parent.Props(probe, swallow: 0, ("child", Idle.Props)), "plain"),
                ["resister"] = ActorOf(Resister.Props(probe, swallow: 1), "resister"),
                ["stubborn"] = ActorOf(Resister.Props(probe), "stubborn"),
                ["blocker"] = ActorOf(Chaos.BlocksThread(release), "blocker"),
                ["shielded"] = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(1)), "shielded"),
                ["thrower"] = ActorOf(Chaos.ThrowsInCleanup(), "thrower"),
                ["excluded"] = ActorOf(Idle.Props, "excluded"),
            };
            actors["child"] = probe.ExpectMsg<IActorRef>();
            actors["blocker"].Tell("block");
            actors["shielded"].Tell("work");
            Guardian.Shield(actors["shielded"]);
            Guardian.Exclude(actors["excluded"]);
            Settle(actors["blocker"]);

            var report = RunToEnd(Begin(ShutdownReason.Unknown), busy: actors["blocker"]);
            return (report, actors);
        }
        finally
        {
            release.Set();
        }
    }

    private sealed class FailsItsFirstCleanup : ReceiveActor
    {
        public FailsItsFirstCleanup() =>
            Receive<Cancel>(c =>
            {
                if (c.Attempt == 1) throw new InvalidOperationException("cleanup failed");
                Context.Stop(Self);
            });
    }

    private static (ActorFate, int, TimeSpan) Summary(ActorOutcome outcome) => (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter);
}
