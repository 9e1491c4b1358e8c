using System.Collections.Concurrent;
using System.Diagnostics;
using ActorShutdown.Tests.Guardian.Support;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// 1,000 seeded random scenarios (see <see cref="Scenario"/> and <see cref="ScenarioRun"/>), a few at a time, each on its
/// own system and manual clock. A failure names its seed and the scenario; replay one with <see cref="One_scenario"/>.
/// </summary>
public sealed class RandomScenarioTests(ITestOutputHelper output)
{
    private const int Scenarios = 1000;

    [Fact]
    public async Task A_thousand_random_scenarios_keep_every_promise()
    {
        var failed = new ConcurrentBag<(int Seed, IReadOnlyList<string> Failures)>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(1, Scenarios), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (seed, _) =>
        {
            var failures = await ScenarioRun.RunAsync(seed);
            if (failures.Count > 0) failed.Add((seed, failures));
        });

        output.WriteLine($"{Scenarios} scenarios in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (seed, failures) in failed.OrderBy(f => f.Seed))
            output.WriteLine($"seed {seed}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", failures)}{Environment.NewLine}{Scenario.Generate(seed)}");
        Assert.True(failed.IsEmpty, string.Join(Environment.NewLine + Environment.NewLine,
            failed.OrderBy(f => f.Seed).Take(5).Select(f => $"seed {f.Seed} failed:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", f.Failures)}{Environment.NewLine}{Scenario.Generate(f.Seed)}"))
            + $"{Environment.NewLine}({failed.Count} of {Scenarios} scenarios failed; seeds {string.Join(", ", failed.Select(f => f.Seed).Order().Take(50))})");
    }

    /// <summary>Replays one scenario: put a failing seed in the InlineData.</summary>
    [Theory]
    [InlineData(1)]
    public async Task One_scenario(int seed)
    {
        var failures = await ScenarioRun.RunAsync(seed, output);

        Assert.True(failures.Count == 0, $"seed {seed} failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{Environment.NewLine}{Scenario.Generate(seed)}");
    }
}
