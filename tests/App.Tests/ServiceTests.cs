using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary>The demo service as a process: stopped by --run-for, SIGTERM, Ctrl+C, and two Ctrl+C.</summary>
public sealed partial class ServiceTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("app-tests-").FullName;

    // Short jobs, made often, so that a run of a second or two completes some.
    private static readonly string[] Busy =
        ["--set", "app.produce-interval=50ms", "--set", "app.job-duration-min=20ms", "--set", "app.job-duration-max=200ms",
         "--set", "app.metrics-interval=100ms"];

    private string Ledger => Path.Combine(_dir, "ledger.log");

    private string ReportFile => Path.Combine(_dir, "report.json");

    [Fact]
    public async Task Run_for_stops_by_itself_with_exit_code_0_and_a_valid_json_report()
    {
        using var app = AppProcess.Start(log, ["--run-for", "1500ms", "--report", ReportFile, "--ledger", Ledger, .. Busy]);

        Assert.Equal(0, await app.WaitForExitAsync());

        using var report = JsonDocument.Parse(File.ReadAllText(ReportFile));
        var root = report.RootElement;
        Assert.Equal("host-stopping", root.GetProperty("reason").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.True(root.GetProperty("clean").GetBoolean());
        Assert.Equal(
            ["before-service-unbind", "service-unbind", "service-requests-done", "service-stop", "before-actor-system-terminate", "actor-system-terminate"],
            root.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var actors = root.GetProperty("actors").EnumerateArray().ToDictionary(a => a.GetProperty("path").GetString()!);
        Assert.Equal("Drained", actors["/user/ledger"].GetProperty("fate").GetString());
        Assert.True(actors["/user/ledger"].GetProperty("shielded").GetBoolean());
        Assert.True(actors["/user/metrics"].GetProperty("excluded").GetBoolean());
        Assert.Equal("Escalated", actors["/user/stubborn"].GetProperty("fate").GetString());
        Assert.Equal(4, actors["/user/stubborn"].GetProperty("cancelAttempts").GetInt32());
        AssertLedgerHoldsEveryCompletedJobOnce(root);
        Assert.Contains("exit code 0", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_exits_0_and_every_completed_job_is_in_the_ledger_exactly_once()
    {
        using var app = AppProcess.Start(log, ["--report", ReportFile, "--ledger", Ledger, .. Busy]);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");
        await app.WaitForLineAsync(l => Completed().Match(l) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 3, "reporting 3 completed jobs");

        app.Signal(PosixSignal.SIGTERM);

        Assert.Equal(0, await app.WaitForExitAsync());
        using var report = JsonDocument.Parse(File.ReadAllText(ReportFile));
        Assert.True(report.RootElement.GetProperty("clean").GetBoolean());
        var completed = AssertLedgerHoldsEveryCompletedJobOnce(report.RootElement);
        Assert.True(completed >= 3, $"only {completed} jobs completed");
        Assert.Contains("every completed job is in the ledger exactly once", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_arguments_it_runs_until_ctrl_c_and_exits_0()
    {
        using var app = AppProcess.Start(log);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");

        app.Signal(PosixSignal.SIGINT);

        Assert.Equal(0, await app.WaitForExitAsync());
        await app.WaitForLineAsync(l => l.StartsWith("shutdown ", StringComparison.Ordinal) && l.Contains("phase", StringComparison.Ordinal), "of shutdown progress");
        Assert.Contains("Shutdown (host-stopping): exit code 0, clean", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_ctrl_c_during_the_shutdown_exits_at_once_with_130()
    {
        // The stubborn worker resists for long: the shutdown would take many seconds.
        using var app = AppProcess.Start(log, ["--ledger", Ledger,
            "--set", "actors.shutdown-guardian.max-cancel-attempts=1000",
            "--set", "actors.coordinated-shutdown.phases.service-requests-done.timeout=60s",
            "--set", "app.host-shutdown-timeout=120s"]);
        await app.WaitForLineAsync(l => l.StartsWith("running", StringComparison.Ordinal), "saying it runs");
        app.Signal(PosixSignal.SIGINT);
        await app.WaitForLineAsync(l => l.Contains("swallowed cancel request", StringComparison.Ordinal), "showing the shutdown under way");

        var second = Stopwatch.StartNew();
        app.Signal(PosixSignal.SIGINT);
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(130, exitCode);
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(5), $"exited {second.Elapsed} after the second SIGINT");
        Assert.Contains("stderr: Second SIGINT during shutdown", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_is_a_usage_error_with_a_clear_message()
    {
        using var app = AppProcess.Start(log, "--set", "app.workers = [");
        Assert.Equal(2, await app.WaitForExitAsync());
        Assert.Contains("Configuration error", app.Output, StringComparison.Ordinal);
    }

    /// <summary>Every job the report says was completed is in the ledger exactly once, and the ledger has no other job of this run.</summary>
    private int AssertLedgerHoldsEveryCompletedJobOnce(JsonElement report)
    {
        var app = report.GetProperty("app");
        var runId = app.GetProperty("runId").GetString();
        var completed = app.GetProperty("completedJobs").EnumerateArray().Select(j => j.GetString()!).ToList();
        var ledger = File.ReadAllLines(Ledger).Select(l => l.Split('\t')).Where(f => f[0] == runId).Select(f => f[1]).ToList();
        var duplicated = ledger.GroupBy(j => j).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicated.Count == 0, $"duplicated in the ledger: {string.Join(", ", duplicated)}");
        var missing = completed.Except(ledger).ToList();
        Assert.True(missing.Count == 0, $"completed but not in the ledger: {string.Join(", ", missing)}");
        var extra = ledger.Except(completed).ToList();
        Assert.True(extra.Count == 0, $"in the ledger but not reported completed: {string.Join(", ", extra)}");
        return completed.Count;
    }

    [GeneratedRegex(@"metrics: (\d+) job\(s\) completed")]
    private static partial Regex Completed();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
