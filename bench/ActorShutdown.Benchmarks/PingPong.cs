using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// Runs <see cref="PingPongBenchmarks"/> through BenchmarkDotNet in this process (no generated project to build on a
/// busy machine) and prints, last, one line <c>RESULT</c> followed by each case's messages per second as JSON.
/// </summary>
internal static class PingPong
{
    public static int Run(string[] args)
    {
        var job = (args.Contains("--quick") ? Job.Dry : Job.ShortRun.WithWarmupCount(5).WithIterationCount(15)).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "actorshutdown-bdn"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<PingPongBenchmarks>(config);
        var rates = new List<PingPongRate>();
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } stats) continue;
            var inFlight = Convert.ToInt32(report.BenchmarkCase.Parameters["InFlight"], CultureInfo.InvariantCulture);
            // OperationsPerInvoke makes the mean the time of one message.
            rates.Add(new PingPongRate(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, inFlight, 1e9 / stats.Mean, 1e9 / stats.Median));
        }
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(rates));
        return rates.Count == 6 ? 0 : 1;
    }
}

/// <summary>One ping-pong case's rate: messages per second from the mean and the median iteration.</summary>
internal sealed record PingPongRate(string Kind, int InFlight, double MessagesPerSecond, double MedianMessagesPerSecond);
