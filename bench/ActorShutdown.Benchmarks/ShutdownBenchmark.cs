using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// The shutdown benchmark: for N = 1,000 / 10,000 / 100,000, the time to spawn N actors, the time from
/// <c>CoordinatedShutdown.Run</c> to <c>WhenTerminated</c> with the guardian on, and peak RSS — for idle
/// actors and for a mix — next to two baselines: N tasks awaiting one CancellationTokenSource (the floor)
/// and Python asyncio cancelling and gathering N tasks. Each measurement runs in a fresh process.
/// </summary>
internal static class ShutdownBenchmark
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000];
    private static readonly string[] Scenarios = ["idle", "mix", "floor"];

    public static async Task<int> RunAllAsync(string[] args)
    {
        var repeats = args.Contains("--quick") ? 1 : 3;
        var rows = new List<Row>();
        foreach (var n in Sizes)
        {
            var asyncio = await RunAsyncioAsync(n, repeats);
            var floor = await RunChildAsync("floor", n, repeats, cold: false);
            foreach (var scenario in Scenarios)
            {
                if (scenario == "floor") rows.Add(new Row(n, scenario, floor, null, floor, asyncio));
                else rows.Add(new Row(n, scenario, await RunChildAsync(scenario, n, repeats, cold: false), await RunChildAsync(scenario, n, repeats, cold: true), floor, asyncio));
            }
            if (asyncio is not null) rows.Add(new Row(n, "asyncio", asyncio, null, floor, asyncio));
        }
        var table = Render(rows);
        Console.WriteLine(table);
        if (args.Contains("--save"))
        {
            var path = Path.Combine(FindBenchFolder(), "results", $"{DateTime.UtcNow:yyyy-MM-dd-HHmm}-shutdown.md");
            await File.WriteAllTextAsync(path, $"# Shutdown benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n{Machine()}\n\n" +
                $"Command: `dotnet run -c Release --project bench/ActorShutdown.Benchmarks -- shutdown --save`\n\n{table}\n");
            Console.WriteLine($"saved {path}");
        }
        return 0;
    }

    /// <summary>One measurement in this process; prints a JSON line.</summary>
    public static async Task<int> RunOneAsync(string scenario, int n, bool cold)
    {
        await ShutdownScenarios.WarmUpAsync(scenario, cold);
        var m = scenario switch
        {
            "idle" => await ShutdownScenarios.IdleAsync(n),
            "mix" => await ShutdownScenarios.MixAsync(n),
            "floor" => await ShutdownScenarios.FloorAsync(n),
            _ => throw new ArgumentException($"unknown scenario '{scenario}' (idle, mix, floor)"),
        };
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(JsonSerializer.Serialize(m with { PeakRssMb = peak }));
        return 0;
    }

    private static async Task<Measurement> RunChildAsync(string scenario, int n, int repeats, bool cold)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(ShutdownBenchmark).Assembly.Location;
        var runs = new List<Measurement>();
        for (var i = 0; i < repeats; i++)
        {
            var start = self.EndsWith("dotnet", StringComparison.Ordinal)
                ? new ProcessStartInfo(self, [dll, "shutdown-one", scenario, n.ToString(CultureInfo.InvariantCulture), cold ? "cold" : "warm"])
                : new ProcessStartInfo(self, ["shutdown-one", scenario, n.ToString(CultureInfo.InvariantCulture), cold ? "cold" : "warm"]);
            runs.Add(JsonSerializer.Deserialize<Measurement>(await RunForLineAsync(start))!);
        }
        return Median(runs);
    }

    private static async Task<Measurement?> RunAsyncioAsync(int n, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "asyncio_cancel.py");
        var runs = new List<Measurement>();
        for (var i = 0; i < repeats; i++)
        {
            string line;
            try
            {
                line = await RunForLineAsync(new ProcessStartInfo("python3", [script, n.ToString(CultureInfo.InvariantCulture)]));
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Console.WriteLine("python3 not found: the asyncio baseline is skipped.");
                return null;
            }
            using var doc = JsonDocument.Parse(line);
            runs.Add(new Measurement(doc.RootElement.GetProperty("spawn_ms").GetDouble(), doc.RootElement.GetProperty("shutdown_ms").GetDouble(), 0));
        }
        return Median(runs);
    }

    private static async Task<string> RunForLineAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {error}");
        return output.Trim().Split('\n')[^1];
    }

    private static Measurement Median(List<Measurement> runs)
    {
        static double Mid(IEnumerable<double> xs) => xs.Order().ElementAt(xs.Count() / 2);
        return new Measurement(Mid(runs.Select(r => r.SpawnMs)), Mid(runs.Select(r => r.ShutdownMs)), Mid(runs.Select(r => r.PeakRssMb)));
    }

    private static string Render(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| N | scenario | spawn ms | shutdown ms | cold shutdown ms | peak RSS MB | shutdown / floor | shutdown / asyncio |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var toAsyncio = r.Asyncio is null ? "n/a" : Ratio(r.M.ShutdownMs, r.Asyncio.ShutdownMs);
            var rss = r.M.PeakRssMb > 0 ? r.M.PeakRssMb.ToString("F0", CultureInfo.InvariantCulture) : "";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.N:N0} | {r.Scenario} | {r.M.SpawnMs:F1} | {r.M.ShutdownMs:F1} | {r.Cold?.ShutdownMs.ToString("F1", CultureInfo.InvariantCulture)} | {rss} | {Ratio(r.M.ShutdownMs, r.Floor.ShutdownMs)} | {toAsyncio} |");
        }
        return sb.ToString();
    }

    private static string Ratio(double a, double b) => b <= 0 ? "n/a" : (a / b).ToString("F2", CultureInfo.InvariantCulture);

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {Environment.OSVersion}, .NET {Environment.Version}, " +
               $"python3 asyncio baseline where present. Medians of 3 runs, each in a fresh process. " +
               "Warm: after six 200-actor runs with pauses, so the tiered JIT has installed its final code (a long-running service's steady state); " +
               "spawn, peak RSS and the ratios are of the warm run. Cold: after one 200-actor run (the shutdown path barely compiled: a service's first shutdown).";
    }

    private static string FindBenchFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorShutdown.sln"))) return Path.Combine(dir.FullName, "bench");
        }
        throw new DirectoryNotFoundException("ActorShutdown.sln not found above the benchmark's folder.");
    }

    /// <summary>A table row: <paramref name="M"/> is the warm measurement, <paramref name="Cold"/> the cold one where there is one.</summary>
    private sealed record Row(int N, string Scenario, Measurement M, Measurement? Cold, Measurement Floor, Measurement? Asyncio);
}

/// <summary>One measurement: spawn and shutdown times, peak resident memory.</summary>
internal sealed record Measurement(double SpawnMs, double ShutdownMs, double PeakRssMb);
