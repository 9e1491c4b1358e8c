namespace ActorShutdown;

/// <summary>
/// Actors whose cancel loops started at the same time (typically the whole scope): they share one schedule, so a
/// step is one entry in the guardian's queue however many actors it concerns — no timer per actor.
/// </summary>
internal sealed class CancelCohort(long start, int capacity)
{
    /// <summary>When attempt 1 is due (scheduler ticks).</summary>
    public long Start { get; } = start;

    public List<TrackedActor> Members { get; } = new(capacity);

    /// <summary>Members neither terminated nor given up: a step of a cohort with none does nothing.</summary>
    public int Live { get; set; }

    /// <summary>Escalated (on schedule, or at once when the cancel phase timed out): no further attempts.</summary>
    public bool Escalated { get; set; }

    /// <summary>The attempt its next attempt step sends.</summary>
    public int NextAttempt { get; set; } = 1;
}
