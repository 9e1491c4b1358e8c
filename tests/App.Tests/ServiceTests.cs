using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary>The demo service as a process: stopped by --run-for, SIGTERM, two SIGINTs, two SIGTERMs, a failing ledger.</summary>
public sealed class ServiceTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("app-tests-").FullName;

    // Short jobs, made often, so that a run of a few seconds completes some.
    private static readonly string[] Busy =
        ["--set", "app.produce-interval=50ms", "--set", "app.job-duration-min=20ms", "--set", "app.job-duration-max=200ms"];

    // The stubborn worker resists for long: the shutdown stays in its cancel phase while the test signals again.
    private static readonly string[] Slow =
        ["--set", "akka.shutdown-guardian.max-cancel-attempts=1000", "--set", "app.host-shutdown-timeout=10m"];

    private string Ledger => Path.Combine(_dir, "ledger.log");

    private string ReportFile => Path.Combine(_dir, "report.json");

    [Fact]
    public async Task Run_for_3s_exits_0_with_a_complete_json_report()
    {
        using var app = AppProcess.Start(log, ["--run-for", "3s", "--report", ReportFile, "--ledger", Ledger, .. Busy]);

        Assert.Equal(0, await app.WaitForExitAsync());

        using var report = JsonDocument.Parse(File.ReadAllText(ReportFile));
        var root = report.RootElement;
        Assert.Equal("ClrExitReason", root.GetProperty("reason").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.True(root.GetProperty("clean").GetBoolean());
        // A plain timestamp: the offset's "+" is not escaped.
        var startedAt = root.GetProperty("startedAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$", startedAt);
        Assert.Contains("\"startedAt\": \"" + startedAt + "\"", File.ReadAllText(ReportFile), StringComparison.Ordinal);
        var phases = root.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["stop-producers"], TaskNames(phases["before-service-unbind"]));
        Assert.Equal(["shutdown-guardian-cancel"], TaskNames(phases["service-requests-done"]));
        Assert.Equal(["ledger-flushed", "final-metrics"], TaskNames(phases["before-actor-system-terminate"]));
        var actors = root.GetProperty("actors").EnumerateArray().ToDictionary(a => a.GetProperty("path").GetString()!);
        Assert.Equal("Drained", actors["/user/ledger"].GetProperty("fate").GetString());
        Assert.True(actors["/user/ledger"].GetProperty("shielded").GetBoolean());
        Assert.True(actors["/user/metrics"].GetProperty("excluded").GetBoolean());
        Assert.Equal("Escalated", actors["/user/stubborn"].GetProperty("fate").GetString());
        Assert.Equal(4, actors["/user/stubborn"].GetProperty("cancelAttempts").GetInt32());
        Assert.Equal("Stopped", actors["/user/worker-1"].GetProperty("fate").GetString());
        Assert.True(AssertLedgerHoldsEveryCompletedJobOnce(root) > 0);
        Assert.Contains("exit code 0", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_runs_the_shutdown_with_its_reason_and_exits_0()
    {
        using var app = AppProcess.Start(log, ["--report", ReportFile, "--ledger", Ledger, .. Busy]);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");

        app.Signal(PosixSignal.SIGTERM);

        Assert.Equal(0, await app.WaitForExitAsync());
        using var report = JsonDocument.Parse(File.ReadAllText(ReportFile));
        Assert.Equal("SignalReason", report.RootElement.GetProperty("reason").GetString());
        Assert.Equal("SIGTERM", report.RootElement.GetProperty("signal").GetString());
        Assert.True(report.RootElement.GetProperty("clean").GetBoolean());
        AssertLedgerHoldsEveryCompletedJobOnce(report.RootElement);
        Assert.Contains(app.Lines, l => l.StartsWith("shutdown ", StringComparison.Ordinal) && l.Contains("phase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_signal_delivered_twice_at_once_is_one_signal()
    {
        // What dotnet run does under timeout or Ctrl+C: the App gets the SIGTERM, and dotnet run forwards it again.
        using var app = AppProcess.Start(log, ["--ledger", Ledger]);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");

        app.Signal(PosixSignal.SIGTERM);
        app.Signal(PosixSignal.SIGTERM);

        Assert.Equal(0, await app.WaitForExitAsync());
        Assert.Contains("exit code 0", app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    public async Task A_second_signal_during_the_shutdown_exits_at_once_with_128_plus_its_number(PosixSignal signal, int exitCode)
    {
        using var app = AppProcess.Start(log, ["--ledger", Ledger, .. Slow]);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");
        app.Signal(signal);
        await app.WaitForLineAsync(l => l.Contains("swallowed cancel request 2", StringComparison.Ordinal), "showing the shutdown under way");

        var second = Stopwatch.StartNew();
        app.Signal(signal);

        Assert.Equal(exitCode, await app.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(5), $"exited {second.Elapsed} after the second {signal}");
        Assert.Contains(app.ErrorLines, l => l.StartsWith($"Second {signal} during shutdown in phase service-requests-done", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ledger_that_fails_during_the_run_makes_the_report_unclean_and_the_exit_code_70()
    {
        Assert.True(File.Exists("/dev/full"), "the test needs /dev/full, a device every write to fails");
        using var app = AppProcess.Start(log, ["--run-for", "1s", "--ledger", "/dev/full", "--report", ReportFile, .. Busy]);

        Assert.Equal(70, await app.WaitForExitAsync());

        using var report = JsonDocument.Parse(File.ReadAllText(ReportFile));
        Assert.False(report.RootElement.GetProperty("clean").GetBoolean());
        var ledgerTask = report.RootElement.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray())
            .Single(t => t.GetProperty("name").GetString() == "ledger-flushed");
        Assert.Contains("No space left on device", ledgerTask.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<string> TaskNames(JsonElement phase) =>
        [.. phase.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    /// <summary>Every job the report says was completed is in the ledger exactly once, and the ledger has no other job of this run.</summary>
    private int AssertLedgerHoldsEveryCompletedJobOnce(JsonElement report)
    {
        var app = report.GetProperty("app");
        var runId = app.GetProperty("runId").GetString();
        var completed = app.GetProperty("completedJobs").EnumerateArray().Select(j => j.GetString()!).ToList();
        var ledger = File.ReadAllLines(Ledger).Select(l => l.Split('\t')).Where(f => f[0] == runId).Select(f => f[1]).ToList();
        Assert.Equal(completed.Order(StringComparer.Ordinal), ledger.Order(StringComparer.Ordinal));
        return completed.Count;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
