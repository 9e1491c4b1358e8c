using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// 1,000 seeded random scenarios (<see cref="Scenario"/>, <see cref="ScenarioRun"/>, <see cref="ScenarioChecks"/>),
/// a few at a time, each on its own system in virtual time. A failure names its seed and prints the scenario, the
/// report and the journal; <see cref="One_scenario"/> replays one.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class RandomScenarioTests(ITestOutputHelper output)
{
    private const int Scenarios = 1000;

    /// <summary>Scenarios run at once; each drives its own clock from a thread of its own (see <see cref="RunAll"/>).</summary>
    private const int Parallelism = 3;

    [Fact]
    public void A_thousand_random_scenarios_keep_every_promise()
    {
        var clock = Stopwatch.StartNew();
        var outcomes = RunAll(Enumerable.Range(1, Scenarios));

        var failed = outcomes.Where(o => o.Failed).OrderBy(o => o.Seed).ToList();
        var actors = Enumerable.Range(1, Scenarios).Sum(seed => Scenario.Generate(seed).Nodes.Count());
        output.WriteLine($"{outcomes.Count} scenarios in {clock.Elapsed.TotalSeconds:0.0} s: {outcomes.Sum(o => o.DeadlineOverruns)} deadline overruns, " +
            $"{outcomes.Sum(o => o.LostShieldedMessages)} lost shielded messages, {outcomes.Sum(o => o.ActorsAccounted)} of {actors} actors accounted for, {failed.Count} failed; fates: " +
            string.Join(", ", Enum.GetValues<ActorFate>().Select(f => $"{f} {outcomes.Sum(o => o.Fates.GetValueOrDefault(f))}")));
        foreach (var outcome in failed) output.WriteLine(outcome.ToString());
        Assert.Equal(Scenarios, outcomes.Count);
        Assert.True(failed.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failed.Take(3))
            + $"{Environment.NewLine}({failed.Count} of {Scenarios} scenarios failed; seeds {string.Join(", ", failed.Select(f => f.Seed).Take(50))})");
    }

    /// <summary>
    /// Replays one scenario, with the scenario, its report, its journal and the system's log in the test output: put a
    /// failing seed in the InlineData. Those here once showed something: 154 and 611 a shield phase timing out over a
    /// blocked shielded actor (StuckShieldTests), 522 an actor stopping by itself at 0.1 s (ScopeStart), 746 a finisher
    /// racing the second attempt at the same instant, 938 a deep shielded subtree.
    /// </summary>
    [Theory]
    [InlineData(154)]
    [InlineData(522)]
    [InlineData(611)]
    [InlineData(746)]
    [InlineData(938)]
    public void One_scenario(int seed)
    {
        var outcome = ScenarioRun.Run(seed, output);
        output.WriteLine(outcome.Details);

        Assert.False(outcome.Failed, outcome.ToString());
    }

    /// <summary>
    /// Runs the seeds on <see cref="Parallelism"/> threads of their own. Each scenario blocks its thread while it
    /// drives its clock; on thread-pool threads that would starve the actors of every system (two cores, so the pool
    /// starts with two threads).
    /// </summary>
    private static List<ScenarioOutcome> RunAll(IEnumerable<int> seeds)
    {
        var queue = new ConcurrentQueue<int>(seeds);
        var outcomes = new ConcurrentBag<ScenarioOutcome>();
        var threads = Enumerable.Range(0, Parallelism).Select(_ => new Thread(() =>
        {
            while (queue.TryDequeue(out var seed)) outcomes.Add(ScenarioRun.Run(seed));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return [.. outcomes];
    }
}
