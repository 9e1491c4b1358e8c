namespace ActorShutdown;

/// <summary>What the guardian does with an actor in its scope.</summary>
internal enum ActorRole
{
    /// <summary>Cancelled: attempts, then escalation, then abandonment.</summary>
    Unprotected,

    /// <summary>Shielded (itself or through an ancestor): drained in the shield phase, cancelled only once its shield ends.</summary>
    Shielded,

    /// <summary>Excluded (itself, through an ancestor, or by type): neither cancelled nor drained.</summary>
    Excluded,

    /// <summary>An unprotected actor with shielded descendants: cancelled once the last of them has stopped.</summary>
    AncestorOfShielded,

    /// <summary>An ancestor of an excluded actor: it stops with the system.</summary>
    AncestorOfExcluded,
}
