using System.Runtime.InteropServices;
using System.Text.Json;
using Akka.Actor;
using ActorShutdown;

namespace ActorShutdown.Tests.Report;

public sealed class ShutdownReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static ShutdownReport Report(
        CoordinatedShutdown.Reason reason, IReadOnlyList<ActorOutcome>? actors = null, IReadOnlyList<PhaseOutcome>? phases = null,
        IReadOnlyList<LeaseOutcome>? leases = null, bool deadlinePassed = false) =>
        new(reason, Start, TimeSpan.FromSeconds(1.5), phases ?? [], actors ?? [], leases ?? [], deadlinePassed, signalExitCode: 0, uncleanExitCode: 70);

    private static ActorOutcome Actor(string path, ActorFate fate, int attempts = 1) =>
        new(path, false, false, attempts, fate, TimeSpan.FromMilliseconds(10), null);

    [Fact]
    public void A_clean_run_exits_with_its_reasons_code()
    {
        Assert.Equal(0, Report(CoordinatedShutdown.ClrExitReason.Instance).ExitCode);
        Assert.Equal(1, Report(CoordinatedShutdown.UnknownReason.Instance).ExitCode);
        Assert.Equal(0, Report(new SignalReason(PosixSignal.SIGTERM)).ExitCode);
    }

    [Fact]
    public void A_clean_signal_run_exits_with_the_signal_exit_code()
    {
        var report = new ShutdownReport(new SignalReason(PosixSignal.SIGINT), Start, TimeSpan.Zero, [], [], [], false, signalExitCode: 5, uncleanExitCode: 70);

        Assert.Equal(5, report.ExitCode);
    }

    [Fact]
    public void An_abandoned_actor_makes_it_unclean_with_70_where_the_reason_says_0_else_the_reasons_code()
    {
        var actors = new[] { Actor("/user/a", ActorFate.Stopped), Actor("/user/b", ActorFate.Abandoned, 10) };

        Assert.False(Report(CoordinatedShutdown.ClrExitReason.Instance, actors).Clean);
        Assert.Equal(70, Report(CoordinatedShutdown.ClrExitReason.Instance, actors).ExitCode);
        Assert.Equal(1, Report(CoordinatedShutdown.UnknownReason.Instance, actors).ExitCode);
        Assert.Equal(3, Report(CoordinatedShutdown.ClusterDowningReason.Instance, actors).ExitCode);
    }

    [Fact]
    public void Escalated_actors_keep_it_clean()
    {
        Assert.True(Report(CoordinatedShutdown.ClrExitReason.Instance, [Actor("/user/a", ActorFate.Escalated, 10)]).Clean);
    }

    [Fact]
    public void A_failed_or_timed_out_task_a_timed_out_phase_a_failed_lease_or_the_deadline_make_it_unclean()
    {
        var reason = CoordinatedShutdown.ClrExitReason.Instance;
        var failedTask = new PhaseOutcome("service-stop", TimeSpan.Zero, false, [new TaskOutcome("t", TimeSpan.Zero, new InvalidOperationException("x"), false)]);
        var timedOutTask = new PhaseOutcome("service-stop", TimeSpan.Zero, false, [new TaskOutcome("t", TimeSpan.Zero, null, true)]);
        var timedOutPhase = new PhaseOutcome("service-stop", TimeSpan.FromSeconds(5), true, []);

        Assert.False(Report(reason, phases: [failedTask]).Clean);
        Assert.False(Report(reason, phases: [timedOutTask]).Clean);
        Assert.False(Report(reason, phases: [timedOutPhase]).Clean);
        Assert.False(Report(reason, leases: [new LeaseOutcome("l", "o", false, new TimeoutException())]).Clean);
        Assert.False(Report(reason, deadlinePassed: true).Clean);
        Assert.True(Report(reason, leases: [new LeaseOutcome("l", "o", true, null)]).Clean);
    }

    [Fact]
    public void The_json_uses_the_members_names_in_camel_case()
    {
        var report = Report(
            new SignalReason(PosixSignal.SIGTERM),
            [new ActorOutcome("/user/a", true, false, 2, ActorFate.Drained, TimeSpan.FromSeconds(1), new InvalidOperationException("boom"))],
            [new PhaseOutcome("service-stop", TimeSpan.FromSeconds(1), false, [new TaskOutcome("drain", TimeSpan.FromSeconds(1), null, false)])],
            [new LeaseOutcome("lease", "me", true, null)]);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal("SignalReason", root.GetProperty("reason").GetString());
        Assert.Equal("SIGTERM", root.GetProperty("signal").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.True(root.GetProperty("clean").GetBoolean());
        Assert.Equal(Start, root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromSeconds(1.5), TimeSpan.Parse(root.GetProperty("duration").GetString()!, null));
        var phase = root.GetProperty("phases")[0];
        Assert.Equal("service-stop", phase.GetProperty("name").GetString());
        Assert.False(phase.GetProperty("timedOut").GetBoolean());
        Assert.Equal("drain", phase.GetProperty("tasks")[0].GetProperty("name").GetString());
        var actor = root.GetProperty("actors")[0];
        Assert.Equal("/user/a", actor.GetProperty("path").GetString());
        Assert.True(actor.GetProperty("shielded").GetBoolean());
        Assert.Equal(2, actor.GetProperty("cancelAttempts").GetInt32());
        Assert.Equal("Drained", actor.GetProperty("fate").GetString());
        Assert.Equal("boom", actor.GetProperty("failure").GetProperty("message").GetString());
        Assert.Equal("System.InvalidOperationException", actor.GetProperty("failure").GetProperty("type").GetString());
        Assert.Equal("lease", root.GetProperty("leases")[0].GetProperty("leaseName").GetString());
        Assert.True(root.GetProperty("leases")[0].GetProperty("released").GetBoolean());
    }

    [Fact]
    public void The_json_of_a_report_without_a_signal_has_no_signal()
    {
        using var json = JsonDocument.Parse(Report(CoordinatedShutdown.UnknownReason.Instance).ToJson());

        Assert.Equal("UnknownReason", json.RootElement.GetProperty("reason").GetString());
        Assert.False(json.RootElement.TryGetProperty("signal", out _));
    }

    [Fact]
    public void The_summary_names_the_notable_actors()
    {
        var text = Report(CoordinatedShutdown.ClrExitReason.Instance,
            [Actor("/user/stubborn", ActorFate.Escalated, 10), Actor("/user/stuck", ActorFate.Abandoned, 10), Actor("/user/fine", ActorFate.Stopped)]).ToString();

        Assert.Contains("exit code 70, not clean", text, StringComparison.Ordinal);
        Assert.Contains("escalated: /user/stubborn", text, StringComparison.Ordinal);
        Assert.Contains("abandoned: /user/stuck", text, StringComparison.Ordinal);
        Assert.Contains("Actors: 3, 1 stopped, 0 drained, 1 escalated, 1 abandoned, 0 running", text, StringComparison.Ordinal);
    }
}
