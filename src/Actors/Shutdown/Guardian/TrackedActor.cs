namespace ActorShutdown;

/// <summary>The guardian's record of one actor in its scope. Mutated on the guardian's thread only.</summary>
internal sealed class TrackedActor(ActorCell cell, TrackedActor? parent, ActorRole role, Shield? shield)
{
    public ActorCell Cell { get; } = cell;

    /// <summary>The nearest tracked ancestor (null under <c>/user</c>).</summary>
    public TrackedActor? Parent { get; } = parent;

    public ActorRole Role { get; set; } = role;

    /// <summary>The shield that covers it (its own or an ancestor's), when shielded.</summary>
    public Shield? Shield { get; } = shield;

    /// <summary>The cancel loop it belongs to; null while it is not being cancelled.</summary>
    public CancelCohort? Cohort { get; set; }

    public bool Escalated { get; set; }

    public bool Drained { get; set; }

    /// <summary>
    /// Live shielded descendants under another shield than its own; an ancestor of shielded actors (or a shielded
    /// actor whose shield ended first) is cancelled when this reaches zero.
    /// </summary>
    public int LiveShieldedDescendants { get; set; }

    /// <summary>Whether its ancestors count it in their <see cref="LiveShieldedDescendants"/>.</summary>
    public bool CountedByAncestors { get; set; }

    /// <summary>When it terminated (guardian clock, UTC ticks); null while alive.</summary>
    public long? StoppedAt { get; set; }

    /// <summary>Whether its termination is what the cancel phase (or the shield phase) waits for. Fields, so a hold and its count are cleared together by reference.</summary>
    public bool HoldsCancelPhase;

    /// <inheritdoc cref="HoldsCancelPhase"/>
    public bool HoldsShieldPhase;

    /// <summary>
    /// How it ended. An actor that has terminated (or was detached) counts as stopped even when its notice has not
    /// been handled: a notice can reach the guardian after the guardian itself has stopped with the system.
    /// </summary>
    public ActorFate Fate => StoppedAt is null && !Cell.IsTerminated ? ActorFate.Running
        : Cell.IsDetached ? ActorFate.Abandoned
        : Escalated ? ActorFate.Escalated
        : Drained ? ActorFate.Drained
        : ActorFate.Stopped;
}

/// <summary>A <c>Shield</c> or <c>Exclude</c> registration, or a config pattern's match.</summary>
internal sealed class Shield(bool excluded, TimeSpan bound)
{
    public bool Excluded { get; } = excluded;

    /// <summary>How long after the cancel phase begins the shield ends (<see cref="Timeout.InfiniteTimeSpan"/>: never).</summary>
    public TimeSpan Bound { get; set; } = bound;

    /// <summary>True once the bound passed, the actor was unshielded, or the shield phase timed out.</summary>
    public bool Ended { get; set; }

    /// <summary>The tracked actors it covers.</summary>
    public List<TrackedActor> Members { get; } = [];
}
