namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>One actor of a scenario, with its children.</summary>
/// <param name="Path">Its path, like <c>/user/a0/c1</c>.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Swallow">Cancel requests it swallows (resisters, workers, parents); int.MaxValue for all.</param>
/// <param name="Duration">Its cleanup (slow cleanup), its life (finisher) or its job (worker).</param>
/// <param name="Messages">Messages queued behind a worker's job.</param>
/// <param name="Protection">How it is protected itself.</param>
/// <param name="Bound">The <c>maxDuration</c> of its <c>Shield</c> call, if any.</param>
/// <param name="Children">Its children (a parent's).</param>
public sealed record ScenarioNode(string Path, ScenarioKind Kind, int Swallow, TimeSpan Duration, int Messages,
    ScenarioProtection Protection, TimeSpan? Bound, IReadOnlyList<ScenarioNode> Children)
{
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public IEnumerable<ScenarioNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}
