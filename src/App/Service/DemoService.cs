using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorShutdown.App.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.App.Service;

/// <summary>What the service was asked to do on the command line.</summary>
internal sealed record ServiceOptions(
    TimeSpan? RunFor, int? Workers, string? ReportPath, string? LedgerPath, IReadOnlyList<string> Settings, bool Verbose);

/// <summary>
/// The demo service: producers, workers, a stubborn worker, a shielded ledger and an excluded metrics actor,
/// in a Generic Host. It runs until Ctrl+C, SIGTERM or <c>--run-for</c>; shows the shutdown's progress; prints
/// the report; and exits with the report's exit code.
/// </summary>
internal static class DemoService
{
    public static string DefaultLedgerPath => Path.Combine(Path.GetTempPath(), "actorshutdown", "ledger.log");

    public static async Task<int> RunAsync(ServiceOptions options)
    {
        var ui = new ConsoleUi();
        var overrides = options.Settings.ToList();
        if (options.Workers is { } workers) overrides.Add(string.Create(CultureInfo.InvariantCulture, $"app.workers = {workers}"));
        var config = AppConfig.Load(overrides);
        var settings = AppSettings.From(config);
        var ledgerPath = Path.GetFullPath(options.LedgerPath ?? DefaultLedgerPath);
        var book = new JobBook();

        using var host = AppHost.Build(config, settings, ui, options.Verbose,
            (system, _) => ServiceActors.Start(system, settings, book, ledgerPath, ui.WriteLine));
        var system = host.Services.GetRequiredService<ActorSystem>();
        var shutdown = CoordinatedShutdown.Get(system);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        ui.WriteLine($"ActorShutdown demo service '{system.Name}': {settings.Workers} worker(s){(settings.StubbornWorker ? " + 1 stubborn" : "")}, " +
            $"{settings.Producers} producer(s), shielded ledger, excluded metrics");
        ui.WriteLine($"  ledger: {ledgerPath} (run {book.RunId})");
        await host.StartAsync().ConfigureAwait(false);
        var how = options.RunFor is { } runFor ? $"stops by itself after {Durations.Format(runFor)}, or " : "";
        ui.WriteLine($"running; {how}press Ctrl+C or send SIGTERM to stop (a second Ctrl+C exits at once)");

        using var stopViews = new CancellationTokenSource();
        var view = new ShutdownProgressView(shutdown, ui);
        var running = ShowRunningAsync(ui, system, book, lifetime.ApplicationStopping);
        var progress = Task.CompletedTask;
        using (lifetime.ApplicationStopping.Register(() =>
               {
                   ui.ClearStatus();
                   ui.WriteLine("stopping: the workers are cancelled, the ledger drains, the metrics report to the end");
                   progress = view.ShowAsync(stopViews.Token);
               }))
        {
            if (options.RunFor is { } after) _ = StopAfterAsync(lifetime, system.Time, after);
            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }

        ShutdownReport? report = null;
        int exitCode;
        try
        {
            // Run joins the run the host's stop started: it returns that run's report.
            report = await shutdown.Run(ShutdownReason.HostStopping).ConfigureAwait(false);
            exitCode = report.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ui.WriteLine($"the shutdown failed: {e.GetType().Name}: {e.Message}");
            exitCode = 3;
        }
        await stopViews.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(progress, running).ConfigureAwait(false);

        ui.WriteLine();
        if (report is not null) ui.WriteLine(report.ToString().TrimEnd());
        ui.WriteLine(JobsSummary(book, ledgerPath));
        if (options.ReportPath is { } reportPath)
        {
            WriteReport(reportPath, report, book, ledgerPath);
            ui.WriteLine($"report written to {Path.GetFullPath(reportPath)}");
        }
        ui.WriteLine($"exit code {exitCode}");
        return exitCode;
    }

    /// <summary>In a terminal, a status line while the service runs.</summary>
    private static async Task ShowRunningAsync(ConsoleUi ui, ActorSystem system, JobBook book, CancellationToken stopping)
    {
        if (!ui.Live) return;
        var start = system.Time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do
            {
                ui.Status(string.Create(CultureInfo.InvariantCulture,
                    $"running {system.Time.GetElapsedTime(start).TotalSeconds:0.0}s · {book.Produced} jobs made · {book.CompletedCount} completed · Ctrl+C to stop"));
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the shutdown view takes over the status line.
        }
    }

    private static async Task StopAfterAsync(IHostApplicationLifetime lifetime, TimeProvider time, TimeSpan after)
    {
        await Task.Delay(after, time, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        lifetime.StopApplication();
    }

    /// <summary>What became of the jobs, and whether every completed job is in the ledger exactly once.</summary>
    private static string JobsSummary(JobBook book, string ledgerPath)
    {
        var completed = book.CompletedIds;
        var inLedger = LedgerJobs(ledgerPath, book.RunId);
        var missing = completed.Count(id => !inLedger.TryGetValue($"job-{id}", out var n) || n == 0);
        var duplicated = inLedger.Count(kv => kv.Value > 1);
        var neverStarted = book.Produced - completed.Count - book.CancelledCount;
        var check = missing == 0 && duplicated == 0 && inLedger.Count == completed.Count
            ? "every completed job is in the ledger exactly once"
            : $"LEDGER MISMATCH: {missing} completed job(s) missing, {duplicated} duplicated, {inLedger.Count} in the ledger";
        return string.Create(CultureInfo.InvariantCulture,
            $"Jobs: {book.Produced} made, {completed.Count} completed, {book.CancelledCount} interrupted by cancellation, " +
            $"{neverStarted} never started (queued when their worker stopped); {check}.");
    }

    /// <summary>The jobs of this run in the ledger file, with how many times each appears.</summary>
    private static Dictionary<string, int> LedgerJobs(string ledgerPath, string runId)
    {
        var jobs = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(ledgerPath)) return jobs;
        foreach (var line in File.ReadLines(ledgerPath))
        {
            var fields = line.Split('\t');
            if (fields.Length >= 2 && fields[0] == runId) jobs[fields[1]] = jobs.GetValueOrDefault(fields[1]) + 1;
        }
        return jobs;
    }

    /// <summary>The shutdown report's JSON, with an <c>app</c> object: the run id, the ledger, and the jobs completed and interrupted.</summary>
    private static void WriteReport(string path, ShutdownReport? report, JobBook book, string ledgerPath)
    {
        var json = report is null ? new JsonObject { ["reason"] = "failed", ["exitCode"] = 3, ["clean"] = false } : JsonNode.Parse(report.ToJson())!.AsObject();
        json["app"] = new JsonObject
        {
            ["runId"] = book.RunId,
            ["ledger"] = ledgerPath,
            ["jobsMade"] = book.Produced,
            ["completedJobs"] = new JsonArray([.. book.CompletedIds.Select(id => (JsonNode)$"job-{id}")]),
            ["interruptedJobs"] = new JsonArray([.. book.CancelledIds.Select(id => (JsonNode)$"job-{id}")]),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
