namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>What one scenario's run found: its failures (none when all is well) and the counts for the summary.</summary>
/// <param name="Seed">The scenario.</param>
/// <param name="Failures">What went wrong, each in a sentence.</param>
/// <param name="DeadlineOverruns">1 when the run, or one of its phases, took longer than its budget.</param>
/// <param name="LostShieldedMessages">Messages queued to shielded workers, never cancelled, that they did not process.</param>
/// <param name="ActorsAccounted">The scenario's actors found exactly once in the report.</param>
/// <param name="Fates">How many actors of the report met each fate.</param>
/// <param name="Details">The scenario, its report and its journal.</param>
public sealed record ScenarioOutcome(int Seed, IReadOnlyList<string> Failures, int DeadlineOverruns, int LostShieldedMessages, int ActorsAccounted,
    IReadOnlyDictionary<ActorFate, int> Fates, string Details)
{
    public bool Failed => Failures.Count > 0;

    public override string ToString() =>
        $"seed {Seed} failed:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Failures)}{Environment.NewLine}{Details}";
}
