using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorShutdown.App.Configuration;
using ActorShutdown.App.Terminal;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.App.Service;

/// <summary>What the service was asked to do, every option already checked.</summary>
internal sealed record ServiceOptions(TimeSpan? RunFor, string? ReportPath, string LedgerPath, Config Config, AppSettings Settings, bool Verbose);

/// <summary>
/// The demo service: producers, workers, a stubborn worker, a shielded ledger and an excluded metrics actor, on
/// Akka.Hosting with the shutdown guardian. It runs until Ctrl+C, SIGTERM or <c>--run-for</c>; shows the shutdown's
/// progress; prints the report; and exits with the report's exit code.
/// </summary>
internal static class DemoService
{
    public static string DefaultLedgerPath => Path.Combine(Path.GetTempPath(), "actorshutdown", "ledger.log");

    /// <summary>Builds the host and checks its configuration: a bad value fails here, before anything starts.</summary>
    /// <exception cref="ConfigurationException">A value is invalid.</exception>
    public static Prepared Prepare(ServiceOptions options)
    {
        var ui = new ConsoleUi();
        var book = new JobBook();
        var ledger = new LedgerStatus();
        var host = AppHost.Build(options.Config, options.Settings, ui, options.Verbose,
            system => ServiceActors.Start(system, options.Settings, book, options.LedgerPath, ledger, ui.WriteLine));
        try
        {
            AppHost.Check(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new Prepared(options, host, ui, book);
    }

    /// <summary>A host built and checked, not started.</summary>
    internal sealed record Prepared(ServiceOptions Options, IHost Host, ConsoleUi Ui, JobBook Book);

    public static async Task<int> RunAsync(Prepared prepared)
    {
        var (options, host, ui, book) = prepared;
        using var owned = host;
        var settings = options.Settings;
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        ui.WriteLine($"ActorShutdown demo service '{settings.SystemName}' on Akka.NET: {settings.Workers} worker(s){(settings.StubbornWorker ? " + 1 stubborn" : "")}, " +
            $"{settings.Producers} producer(s), shielded ledger, excluded metrics");
        ui.WriteLine($"  ledger: {options.LedgerPath} (run {book.RunId})");
        await host.StartAsync().ConfigureAwait(false);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var guardian = ShutdownGuardian.Get(system);
        var how = options.RunFor is { } runFor ? $"stops by itself after {Durations.Format(runFor)}, or " : "";
        ui.WriteLine($"running; {how}press Ctrl+C or send SIGTERM to stop (a second Ctrl+C exits at once)");

        using var stopViews = new CancellationTokenSource();
        var view = new ShutdownProgressView(guardian, AkkaInternals.PhaseOrder(CoordinatedShutdown.Get(system)), ui);
        var running = ShowRunningAsync(ui, book, lifetime.ApplicationStopping);
        var progress = Task.CompletedTask;
        using (lifetime.ApplicationStopping.Register(() =>
               {
                   ui.ClearStatus();
                   ui.WriteLine("stopping: the workers are cancelled, the ledger drains, the metrics report to the end");
                   progress = view.ShowAsync(stopViews.Token);
               }))
        {
            if (options.RunFor is { } after) _ = StopAfterAsync(lifetime, after);
            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }

        // The host waited for Akka's run; the report completes with it (or did at the deadline).
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await stopViews.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(progress, running).ConfigureAwait(false);

        ui.WriteLine();
        ui.WriteLine(report.ToString().TrimEnd());
        ui.WriteLine(JobsSummary(book, options.LedgerPath));
        if (options.ReportPath is { } reportPath)
        {
            WriteReport(reportPath, report, book, options.LedgerPath);
            ui.WriteLine($"report written to {reportPath}");
        }
        ui.WriteLine($"exit code {report.ExitCode}");
        return report.ExitCode;
    }

    /// <summary>In a terminal, a status line while the service runs.</summary>
    private static async Task ShowRunningAsync(ConsoleUi ui, JobBook book, CancellationToken stopping)
    {
        if (!ui.Live) return;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do
            {
                ui.Status(string.Create(CultureInfo.InvariantCulture,
                    $"running {System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds:0.0}s · {book.Produced} jobs made · {book.CompletedCount} completed · Ctrl+C to stop"));
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the shutdown view takes over the status line.
        }
    }

    private static async Task StopAfterAsync(IHostApplicationLifetime lifetime, TimeSpan after)
    {
        await Task.Delay(after, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
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
        // A device (such as /dev/full) reports no length: nothing in it can be read back.
        if (!File.Exists(ledgerPath) || new FileInfo(ledgerPath).Length == 0) return jobs;
        try
        {
            foreach (var line in File.ReadLines(ledgerPath))
            {
                var fields = line.Split('\t');
                if (fields.Length >= 2 && fields[0] == runId) jobs[fields[1]] = jobs.GetValueOrDefault(fields[1]) + 1;
            }
        }
        catch (IOException)
        {
            // A ledger that cannot be read back (a device, say) shows as missing jobs.
        }
        return jobs;
    }

    /// <summary>The report's JSON, with an <c>app</c> object: the run id, the ledger, and the jobs completed and interrupted.</summary>
    private static void WriteReport(string path, ShutdownReport report, JobBook book, string ledgerPath)
    {
        var json = JsonNode.Parse(report.ToJson())!.AsObject();
        json["app"] = new JsonObject
        {
            ["runId"] = book.RunId,
            ["ledger"] = ledgerPath,
            ["jobsMade"] = book.Produced,
            ["completedJobs"] = new JsonArray([.. book.CompletedIds.Select(id => (JsonNode)$"job-{id}")]),
            ["interruptedJobs"] = new JsonArray([.. book.CancelledIds.Select(id => (JsonNode)$"job-{id}")]),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
