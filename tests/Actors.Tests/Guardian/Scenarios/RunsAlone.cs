namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// The 1,000 scenarios run alone, after the other tests: they keep both cores busy for several seconds, and
/// <c>ShutdownTestKit</c>'s driver, which moves the clock once the thread pool looks quiet, can then move it a step
/// early in another test's run (seen: CancelPhaseTimeoutTests 2.6 s for 2.5 s, DeadlineTests Escalated for Abandoned).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "random scenarios";
}
