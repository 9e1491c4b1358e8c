namespace ActorShutdown;

/// <summary>
/// Actors whose cancel loops start at the same moment (every unprotected actor in scope when the cancel phase
/// begins, typically) share one schedule: the guardian queues a step per cohort, not per actor, so its schedule
/// stays a handful of entries however many actors it cancels. Mutated on the guardian's thread only.
/// </summary>
internal sealed class CancelCohort(long start, int capacity)
{
    /// <summary>When attempt 1 is due (guardian clock, UTC ticks).</summary>
    public long Start { get; } = start;

    public List<TrackedActor> Members { get; } = new(capacity);

    /// <summary>The attempt the cohort sends next; members can join only while it is 1.</summary>
    public int NextAttempt { get; set; } = 1;

    /// <summary>Members not yet terminated: once none is left, the cohort's remaining steps do nothing.</summary>
    public int Live { get; set; }
}
