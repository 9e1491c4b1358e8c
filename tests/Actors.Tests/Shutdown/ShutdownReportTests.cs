using System.Text.Json;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown;

public class ShutdownReportTests
{
    private static readonly DateTimeOffset StartedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TaskOutcome GoodTask = new("flush", TimeSpan.FromMilliseconds(250), null, false);

    private static PhaseOutcome GoodPhase(string name = "service-stop") => new(name, TimeSpan.FromMilliseconds(250), false, [GoodTask]);

    private static ActorOutcome Actor(string path, ActorFate fate = ActorFate.Stopped, int attempts = 1,
        bool shielded = false, Exception? failure = null) =>
        new(path, shielded, false, attempts, fate, TimeSpan.FromSeconds(1), failure);

    private static ShutdownReport Report(IReadOnlyList<PhaseOutcome>? phases = null, IReadOnlyList<ActorOutcome>? actors = null,
        ShutdownReason? reason = null) =>
        new(reason ?? ShutdownReason.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM), StartedAt,
            TimeSpan.FromSeconds(2.5), phases ?? [GoodPhase()], actors ?? [Actor("/user/a")]);

    [Fact]
    public void A_clean_report_has_the_reasons_exit_code()
    {
        Assert.True(Report().Clean);
        Assert.Equal(0, Report().ExitCode);
        Assert.Equal(1, Report(reason: ShutdownReason.Unknown).ExitCode);
    }

    private static readonly Dictionary<string, ShutdownReport> Unclean = new()
    {
        ["abandoned actor"] = Report(actors: [Actor("/user/a", ActorFate.Abandoned)]),
        ["failed task"] = Report(phases: [new("p", TimeSpan.Zero, false, [GoodTask with { Failure = new InvalidOperationException() }])]),
        ["timed-out task"] = Report(phases: [new("p", TimeSpan.Zero, false, [GoodTask with { TimedOut = true }])]),
        ["timed-out phase"] = Report(phases: [new("p", TimeSpan.Zero, true, [])]),
    };

    [Theory]
    [InlineData("abandoned actor")]
    [InlineData("failed task")]
    [InlineData("timed-out task")]
    [InlineData("timed-out phase")]
    public void A_report_is_not_clean_and_exits_with_3_with_a(string cause)
    {
        Assert.False(Unclean[cause].Clean);
        Assert.Equal(3, Unclean[cause].ExitCode);
    }

    [Fact]
    public void Escalated_resisting_failed_or_still_running_actors_leave_it_clean()
    {
        var report = Report(actors:
        [
            Actor("/user/a", ActorFate.Escalated, attempts: 10),
            Actor("/user/b", failure: new InvalidOperationException()),
            Actor("/user/c", ActorFate.Running),
        ]);

        Assert.True(report.Clean);
    }

    [Fact]
    public void For_finds_an_actor_by_path()
    {
        var a = Actor("/user/a");
        var b = Actor("/user/a/b", ActorFate.Drained, shielded: true);
        var report = Report(actors: [a, b]);

        Assert.Same(b, report.For(FakeActorRef.At("/user/a/b")));
        Assert.Same(a, report.For(FakeActorRef.At("/user/a")));
        Assert.Null(report.For(FakeActorRef.At("/user/z")));
    }

    [Fact]
    public void For_gives_the_last_outcome_when_a_path_repeats()
    {
        var earlier = Actor("/user/a");
        var later = Actor("/user/a", ActorFate.Escalated);

        Assert.Same(later, Report(actors: [earlier, later]).For(FakeActorRef.At("/user/a")));
    }

    [Fact]
    public void ToJson_writes_every_field_with_stable_names()
    {
        var failure = new InvalidOperationException("disk full");
        var report = Report(
            phases: [new("service-stop", TimeSpan.FromSeconds(30), true,
                [GoodTask, new("drain", TimeSpan.FromSeconds(30), null, true), new("close", TimeSpan.FromMilliseconds(5), failure, false)])],
            actors: [Actor("/user/ledger", ActorFate.Drained, attempts: 0, shielded: true), Actor("/user/w", ActorFate.Abandoned, 10, failure: failure)]);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal("SIGTERM", root.GetProperty("reason").GetString());
        Assert.Equal(3, root.GetProperty("exitCode").GetInt32());
        Assert.False(root.GetProperty("clean").GetBoolean());
        Assert.Equal(StartedAt, root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(2500, root.GetProperty("durationMs").GetDouble());

        var phase = Assert.Single(root.GetProperty("phases").EnumerateArray());
        Assert.Equal("service-stop", phase.GetProperty("name").GetString());
        Assert.Equal(30_000, phase.GetProperty("durationMs").GetDouble());
        Assert.True(phase.GetProperty("timedOut").GetBoolean());
        var tasks = phase.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["flush", "drain", "close"], tasks.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(250, tasks[0].GetProperty("durationMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, tasks[0].GetProperty("failure").ValueKind);
        Assert.True(tasks[1].GetProperty("timedOut").GetBoolean());
        Assert.Equal("System.InvalidOperationException", tasks[2].GetProperty("failure").GetProperty("type").GetString());
        Assert.Equal("disk full", tasks[2].GetProperty("failure").GetProperty("message").GetString());

        var actors = root.GetProperty("actors").EnumerateArray().ToList();
        Assert.Equal("/user/ledger", actors[0].GetProperty("path").GetString());
        Assert.True(actors[0].GetProperty("shielded").GetBoolean());
        Assert.False(actors[0].GetProperty("excluded").GetBoolean());
        Assert.Equal("Drained", actors[0].GetProperty("fate").GetString());
        Assert.Equal(1000, actors[0].GetProperty("stoppedAfterMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, actors[0].GetProperty("failure").ValueKind);
        Assert.Equal(10, actors[1].GetProperty("cancelAttempts").GetInt32());
        Assert.Equal("Abandoned", actors[1].GetProperty("fate").GetString());
        Assert.Equal("disk full", actors[1].GetProperty("failure").GetProperty("message").GetString());
    }

    [Fact]
    public void ToString_summarizes_phases_counts_and_notable_actors()
    {
        var report = Report(
            phases:
            [
                GoodPhase("service-unbind"),
                new("service-stop", TimeSpan.FromSeconds(30), true,
                    [new("drain", TimeSpan.FromSeconds(30), null, true), new("close", TimeSpan.Zero, new InvalidOperationException("disk full"), false)]),
            ],
            actors:
            [
                Actor("/user/plain"),
                Actor("/user/stubborn", attempts: 3),
                Actor("/user/escalated", ActorFate.Escalated, attempts: 10),
                Actor("/user/stuck", ActorFate.Abandoned, attempts: 10),
                Actor("/user/broken", failure: new ArgumentException("bad cleanup")),
                Actor("/user/ledger", ActorFate.Drained, attempts: 0, shielded: true),
            ]);

        var text = report.ToString();

        Assert.Contains("SIGTERM", text);
        Assert.Contains("exit code 3", text);
        Assert.Contains("service-unbind: 0.250s", text);
        Assert.Contains("service-stop: 30.000s, 2 task(s), TIMED OUT", text);
        Assert.Contains("task 'drain' timed out", text);
        Assert.Contains("task 'close' failed: InvalidOperationException: disk full", text);
        Assert.Contains("Actors: 6, 3 stopped, 1 drained, 1 escalated, 1 abandoned, 0 running", text);
        Assert.Contains("resisted: /user/stubborn (3 attempts), /user/escalated (10 attempts), /user/stuck (10 attempts)", text);
        Assert.Contains("escalated: /user/escalated", text);
        Assert.Contains("abandoned: /user/stuck", text);
        Assert.Contains("failed: /user/broken (ArgumentException: bad cleanup)", text);
        Assert.Contains("shielded: /user/ledger (drained)", text);
        Assert.DoesNotContain("/user/plain", text);
    }

    [Fact]
    public void ToString_tells_a_phase_cut_short_by_the_deadline_from_one_that_timed_out()
    {
        var report = Report(phases:
        [
            new("ran", TimeSpan.FromSeconds(5), true, [new("slow", TimeSpan.FromSeconds(5), null, true)]),
            new("skipped", TimeSpan.Zero, true, [new("waiting", TimeSpan.Zero, null, true)]),
        ]);

        var text = report.ToString();

        Assert.Contains("ran: 5.000s, 1 task(s), TIMED OUT", text);
        Assert.Contains("task 'slow' timed out", text);
        Assert.Contains("skipped: 0.000s, 1 task(s), CUT SHORT by the deadline", text);
        Assert.Contains("task 'waiting' did not run", text);
    }

    [Fact]
    public void ToString_names_a_bounded_number_of_actors_per_category()
    {
        var report = Report(actors: Enumerable.Range(0, 25).Select(i => Actor($"/user/stuck-{i}", ActorFate.Abandoned)).ToList());

        var text = report.ToString();

        Assert.Contains("/user/stuck-19", text);
        Assert.DoesNotContain("/user/stuck-20", text);
        Assert.Contains("and 5 more", text);
    }
}
