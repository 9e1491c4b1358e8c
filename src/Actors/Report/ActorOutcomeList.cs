using System.Collections;

namespace ActorShutdown;

/// <summary>
/// A report's actor outcomes, built on first access: a shutdown of 100,000 actors need not create 100,000 outcomes
/// and their path strings for a caller that reads only the exit code. Whether one was abandoned is known without
/// building them.
/// </summary>
internal sealed class ActorOutcomeList(int count, bool anyAbandoned, Func<ActorOutcome[]> build) : IReadOnlyList<ActorOutcome>
{
    private readonly Lazy<ActorOutcome[]> _outcomes = new(build);

    /// <summary>Whether an outcome is <see cref="ActorFate.Abandoned"/>.</summary>
    public bool AnyAbandoned { get; } = anyAbandoned;

    public int Count { get; } = count;

    public ActorOutcome this[int index] => _outcomes.Value[index];

    public IEnumerator<ActorOutcome> GetEnumerator() => ((IEnumerable<ActorOutcome>)_outcomes.Value).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
