using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// The benchmark of DESIGN §10: plain Akka.NET and Akka.NET with the guardian side by side, in one run on one machine.
/// Every measurement runs in a fresh process (so its peak RSS is its own), the two sides alternating so that a change
/// in the machine's load falls on both; each figure is the median of several runs.
/// </summary>
internal static class ShutdownBenchmark
{
    private const int TripN = 100_000;
    private const int HeapN = 100_000;

    private static readonly string[] Parts = ["idle", "mix", "trip", "heap", "floor", "asyncio", "pingpong"];

    public static async Task<int> RunAllAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var repeats = quick ? 1 : Option(args, "--repeats") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        int[] sizes = Option(args, "--sizes") is { } s ? [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : [1_000, 10_000, 100_000];
        var only = Option(args, "--only")?.Split(',') ?? Parts;
        var loadBefore = LoadAverage();
        var clock = Stopwatch.StartNew();
        var results = new Results();

        foreach (var n in sizes)
        {
            foreach (var scenario in new[] { "idle", "mix" }.Where(only.Contains))
            {
                foreach (var mode in new[] { "warm", "cold" })
                {
                    results.Pairs[(scenario, n, mode)] = await RunPairAsync(scenario, n, mode, repeats);
                }
            }
            if (only.Contains("floor")) results.Floor[n] = await RunMedianAsync(repeats, () => RunChildAsync("floor", n, guardian: false, "warm"));
            if (only.Contains("asyncio")) results.Asyncio[n] = await RunAsyncioAsync(n, repeats);
        }
        if (only.Contains("trip")) results.Trip = await RunPairAsync("trip", TripN, "warm", repeats);
        if (only.Contains("heap")) results.Heap = await RunPairAsync("heap", HeapN, "none", repeats);
        if (only.Contains("pingpong")) results.PingPong = await RunPingPongAsync(quick);

        var table = Render(results, sizes);
        var header = $"{Machine()}\n\nLoad average (1, 5, 15 min) before: {loadBefore}; after: {LoadAverage()}. " +
                     $"Wall time {clock.Elapsed.TotalMinutes:F1} min. Medians of {repeats} run(s).";
        Console.WriteLine(header);
        Console.WriteLine();
        Console.WriteLine(table);
        if (args.Contains("--save"))
        {
            var now = DateTime.UtcNow;
            var folder = Directory.CreateDirectory(Path.Combine(FindBenchFolder(), "results")).FullName;
            var path = Path.Combine(folder, $"{now:yyyy-MM-dd-HHmm}.md");
            var command = $"dotnet run -c Release --project bench/ActorShutdown.Benchmarks -- shutdown {string.Join(' ', args)}";
            await File.WriteAllTextAsync(path, $"# Shutdown benchmark, {now:yyyy-MM-dd HH:mm} UTC\n\nCommand: `{command}`\n\n{header}\n\n{Method}\n\n{table}");
            Console.WriteLine($"saved {path}");
        }
        return 0;
    }

    /// <summary>One measurement in this process: prints <c>RESULT</c> and the measurement as JSON, last.</summary>
    public static async Task<int> RunOneAsync(string scenario, int n, bool guardian, string mode)
    {
        if (mode != "none") await ShutdownScenarios.WarmUpAsync(scenario, guardian, cold: mode == "cold");
        var m = await ShutdownScenarios.RunAsync(scenario, n, guardian);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(m with { PeakRssMb = Measurement.PeakRss(), Unclean = BenchSystem.Unclean }));
        return 0;
    }

    private static async Task<Pair> RunPairAsync(string scenario, int n, string mode, int repeats)
    {
        var plain = new List<Measurement>();
        var guardian = new List<Measurement>();
        for (var i = 0; i < repeats; i++)
        {
            // Alternate which side goes first, so neither always runs on a machine the other has just warmed.
            var guardianFirst = i % 2 == 1;
            (guardianFirst ? guardian : plain).Add(await RunChildAsync(scenario, n, guardianFirst, mode));
            (guardianFirst ? plain : guardian).Add(await RunChildAsync(scenario, n, !guardianFirst, mode));
        }
        var pair = new Pair(Measurement.Median(plain), Measurement.Median(guardian));
        Console.Error.WriteLine(FormattableString.Invariant(
            $"{scenario,-5} {n,7} {mode,-4}: plain {pair.Plain.Ms,8:F1} ms {pair.Plain.CpuMs,8:F0} CPU ms {pair.Plain.HeapMb,7:F1} MB heap {pair.Plain.PeakRssMb,6:F0} MB RSS | guardian {pair.Guardian.Ms,8:F1} ms {pair.Guardian.CpuMs,8:F0} CPU ms {pair.Guardian.HeapMb,7:F1} MB heap {pair.Guardian.PeakRssMb,6:F0} MB RSS"));
        return pair;
    }

    private static async Task<Measurement> RunMedianAsync(int repeats, Func<Task<Measurement>> run)
    {
        var runs = new List<Measurement>();
        for (var i = 0; i < repeats; i++) runs.Add(await run());
        return Measurement.Median(runs);
    }

    private static async Task<Measurement> RunChildAsync(string scenario, int n, bool guardian, string mode) =>
        JsonSerializer.Deserialize<Measurement>(await RunForResultAsync(Self(
            ["one", scenario, n.ToString(CultureInfo.InvariantCulture), guardian ? "guardian" : "plain", mode])))!;

    private static async Task<Measurement?> RunAsyncioAsync(int n, int repeats)
    {
        var script = Path.Combine(FindBenchFolder(), "ActorShutdown.Benchmarks", "asyncio_cancel.py");
        try
        {
            return await RunMedianAsync(repeats, async () =>
            {
                var line = await RunForResultAsync(new ProcessStartInfo("python3", [script, n.ToString(CultureInfo.InvariantCulture)]), prefix: "");
                using var doc = JsonDocument.Parse(line);
                return new Measurement(doc.RootElement.GetProperty("shutdown_ms").GetDouble(), 0, 0, 0);
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("python3 not found: the asyncio baseline is skipped.");
            return null;
        }
    }

    private static async Task<List<PingPongRate>> RunPingPongAsync(bool quick) =>
        JsonSerializer.Deserialize<List<PingPongRate>>(await RunForResultAsync(Self(quick ? ["pingpong", "--quick"] : ["pingpong"])))!;

    /// <summary>A start of this benchmark's own executable with <paramref name="arguments"/>.</summary>
    private static ProcessStartInfo Self(string[] arguments)
    {
        var self = Environment.ProcessPath!;
        return self.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(self, [typeof(ShutdownBenchmark).Assembly.Location, .. arguments])
            : new ProcessStartInfo(self, arguments);
    }

    /// <summary>Runs a process to its end and returns its last line starting with <paramref name="prefix"/>, without it.</summary>
    private static async Task<string> RunForResultAsync(ProcessStartInfo start, string prefix = "RESULT ")
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = lines.LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return result[prefix.Length..];
    }

    private static string Render(Results r, int[] sizes)
    {
        var sb = new StringBuilder();
        var goals = new List<(string Goal, string Figure, bool Met)>();
        if (r.Pairs.Count > 0)
        {
            sb.AppendLine("## Shutdown: plain Akka.NET `CoordinatedShutdown.Run` to completion vs with the guardian to `Report`");
            sb.AppendLine();
            sb.AppendLine("| N | actors | JIT | plain ms | guardian ms | guardian / plain | plain CPU ms | guardian CPU ms | CPU ratio | plain peak RSS MB | guardian peak RSS MB | RSS ratio |");
            sb.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var ((scenario, n, mode), p) in r.Pairs.OrderBy(kv => kv.Key.Scenario).ThenBy(kv => kv.Key.N).ThenByDescending(kv => kv.Key.Mode))
            {
                sb.AppendLine(Inv($"| {n:N0} | {scenario} | {mode} | {p.Plain.Ms:F1} | {p.Guardian.Ms:F1}{Unclean(p.Guardian)} | **{Ratio(p.Guardian.Ms, p.Plain.Ms)}** | {p.Plain.CpuMs:F0} | {p.Guardian.CpuMs:F0} | {Ratio(p.Guardian.CpuMs, p.Plain.CpuMs)} | {p.Plain.PeakRssMb:F0} | {p.Guardian.PeakRssMb:F0} | {Ratio(p.Guardian.PeakRssMb, p.Plain.PeakRssMb)} |"));
                if (scenario == "idle" && mode == "warm")
                    goals.Add(($"idle shutdown guardian / plain ≤ 1.0 at {n:N0} (warm)", Ratio(p.Guardian.Ms, p.Plain.Ms), p.Guardian.Ms <= p.Plain.Ms));
                if (scenario == "idle" && mode == "warm" && n == 100_000)
                    goals.Add(("peak RSS guardian / plain ≤ 1.1 at 100,000 (idle, warm)", Ratio(p.Guardian.PeakRssMb, p.Plain.PeakRssMb), p.Guardian.PeakRssMb <= 1.1 * p.Plain.PeakRssMb));
            }
            sb.AppendLine();
        }
        if (r.Floor.Count > 0 || r.Asyncio.Count > 0)
        {
            sb.AppendLine("## Baselines in the same run");
            sb.AppendLine();
            sb.AppendLine("| N | floor: N tasks on one cancelled CTS, ms | asyncio cancel-all + gather, ms | plain idle (warm) / floor | guardian idle (warm) / floor | guardian idle (warm) / asyncio |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var n in sizes)
            {
                var floor = r.Floor.GetValueOrDefault(n);
                var asyncio = r.Asyncio.GetValueOrDefault(n);
                var idle = r.Pairs.GetValueOrDefault(("idle", n, "warm"));
                sb.AppendLine(Inv($"| {n:N0} | {floor?.Ms:F2} | {(asyncio is null ? "n/a" : asyncio.Ms.ToString("F2", CultureInfo.InvariantCulture))} | {Ratio(idle?.Plain.Ms, floor?.Ms)} | {Ratio(idle?.Guardian.Ms, floor?.Ms)} | {Ratio(idle?.Guardian.Ms, asyncio?.Ms)} |"));
            }
            sb.AppendLine();
        }
        if (r.Trip is { } trip)
        {
            sb.AppendLine(Inv($"## Time from `Run` until every awaiting actor's token has been tripped, {TripN:N0} actors (warm)"));
            sb.AppendLine();
            sb.AppendLine("| plain Akka.NET (tokens tripped as the actors stop) ms | with the guardian ms | guardian / plain |");
            sb.AppendLine("|---:|---:|---:|");
            sb.AppendLine(Inv($"| {trip.Plain.Ms:F1} | {trip.Guardian.Ms:F1}{Unclean(trip.Guardian)} | {Ratio(trip.Guardian.Ms, trip.Plain.Ms)} |"));
            sb.AppendLine();
            goals.Add(("every awaiting token tripped ≤ 100 ms after Run, 100,000 actors", Inv($"{trip.Guardian.Ms:F1} ms"), trip.Guardian.Ms <= 100));
        }
        if (r.Heap is { } heap)
        {
            var delta = heap.Guardian.HeapMb - heap.Plain.HeapMb;
            sb.AppendLine(Inv($"## Heap after spawning {HeapN:N0} idle actors, before shutdown (`GC.GetTotalMemory(true)`)"));
            sb.AppendLine();
            sb.AppendLine("| plain MB | guardian loaded MB | delta MB |");
            sb.AppendLine("|---:|---:|---:|");
            sb.AppendLine(Inv($"| {heap.Plain.HeapMb:F2} | {heap.Guardian.HeapMb:F2} | {delta:F2} |"));
            sb.AppendLine();
            goals.Add(("heap delta ≤ 1 MB with 100,000 idle actors", Inv($"{delta:F2} MB"), delta <= 1.0));
        }
        if (r.PingPong is { Count: > 0 } pingPong)
        {
            sb.AppendLine(Inv($"## Ping-pong (BenchmarkDotNet, {PingPongBenchmarks.RoundTrips:N0} round trips per invocation): messages per second"));
            sb.AppendLine();
            sb.AppendLine("The last two columns are a diagnosis: a plain `ReceiveActor` on the deque-based mailbox `CancellableReceiveActor` requires, i.e. the part of the gap that is the mailbox (ActorShutdown's deque mailbox, as in every system of this benchmark).");
            sb.AppendLine();
            sb.AppendLine("| balls in flight | ReceiveActor msg/s | CancellableReceiveActor msg/s | ratio (mean) | ratio (median) | ReceiveActor on the deque mailbox msg/s | its ratio (mean) |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in pingPong.GroupBy(p => p.InFlight).OrderBy(g => g.Key))
            {
                var plain = group.Single(p => p.Kind == nameof(PingPongBenchmarks.ReceiveActor));
                var cancellable = group.Single(p => p.Kind == nameof(PingPongBenchmarks.CancellableReceiveActor));
                var deque = group.Single(p => p.Kind == nameof(PingPongBenchmarks.ReceiveActorOnDequeMailbox));
                sb.AppendLine(Inv($"| {group.Key} | {plain.MessagesPerSecond:N0} | {cancellable.MessagesPerSecond:N0} | **{Ratio(cancellable.MessagesPerSecond, plain.MessagesPerSecond)}** | {Ratio(cancellable.MedianMessagesPerSecond, plain.MedianMessagesPerSecond)} | {deque.MessagesPerSecond:N0} | {Ratio(deque.MessagesPerSecond, plain.MessagesPerSecond)} |"));
                goals.Add(($"CancellableReceiveActor ping-pong ≥ 0.95 × ReceiveActor ({group.Key} in flight)",
                    Ratio(cancellable.MessagesPerSecond, plain.MessagesPerSecond), cancellable.MessagesPerSecond >= 0.95 * plain.MessagesPerSecond));
            }
            sb.AppendLine();
        }
        if (goals.Count > 0)
        {
            sb.AppendLine("## Goals");
            sb.AppendLine();
            sb.AppendLine("| goal | figure | met |");
            sb.AppendLine("|---|---:|---|");
            foreach (var (goal, figure, met) in goals) sb.AppendLine($"| {goal} | {figure} | {(met ? "yes" : "**no**")} |");
        }
        return sb.ToString();
    }

    private const string Method =
        "Method: every measurement runs in a fresh process, plain and guardian alternating; peak RSS is the process's VmHWM. " +
        "Both sides are bare ActorSystems with the same config (`run-by-clr-shutdown-hook = off`, `shutdown-guardian.run-by-signals = off`, " +
        "loglevel WARNING, deque-based actors on ActorShutdown's `DequeMailbox` as `WithShutdownGuardian` configures it); the guardian side only adds `ShutdownGuardian.Get(system)`. Idle actors are `UntypedActor`s with no handler for Cancel. " +
        "Mix: a quarter each idle, awaiting `Context.CancellationToken` (CancellableReceiveActor), resisting twice (stops at attempt 3; " +
        "cancel-interval 10ms) and shielded children of `/user/shielded` with 10 short messages queued each. " +
        "Warm: after six 200-actor rounds with pauses, so the tiered JIT has installed its final code (a long-running service); " +
        "cold: after one 200-actor round (a service's first shutdown). Plain is timed from `Run` to its task's completion; the guardian side " +
        "from `Run` to `ShutdownGuardian.Report`; CPU ms is the CPU time the process spent on all its threads meanwhile, far steadier than the time " +
        "on a shared machine. Tripped: from `Run` until the last awaiting actor's token callback has run (the time of that callback, not of the await after it). " +
        "Heap: `GC.GetTotalMemory(true)` after spawning, in a fresh process without warm-up. " +
        "Phase timeouts of service-requests-done and service-stop are 60 s on both sides, so a slow run is measured, not cut short; " +
        "\"(k unclean)\" counts the guardian's reports that were not clean over the runs behind a median, warm-up included.";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, Akka.NET {typeof(Akka.Actor.ActorSystem).Assembly.GetName().Version}.";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string Ratio(double? a, double? b) =>
        a is null || b is null || b <= 0 ? "n/a" : (a.Value / b.Value).ToString("F2", CultureInfo.InvariantCulture);

    private static string Unclean(Measurement m) => m.Unclean == 0 ? "" : Inv($" ({m.Unclean} unclean)");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string FindBenchFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorShutdown.sln"))) return Path.Combine(dir.FullName, "bench");
        }
        throw new DirectoryNotFoundException("ActorShutdown.sln not found above the benchmark's folder.");
    }

    /// <summary>Plain and guardian medians of one scenario.</summary>
    private sealed record Pair(Measurement Plain, Measurement Guardian);

    private sealed class Results
    {
        public Dictionary<(string Scenario, int N, string Mode), Pair> Pairs { get; } = [];
        public Dictionary<int, Measurement> Floor { get; } = [];
        public Dictionary<int, Measurement?> Asyncio { get; } = [];
        public Pair? Trip { get; set; }
        public Pair? Heap { get; set; }
        public List<PingPongRate>? PingPong { get; set; }
    }
}
