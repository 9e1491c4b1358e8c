namespace ActorShutdown;

/// <summary>What the guardian does with an actor in its scope.</summary>
internal enum ActorRole
{
    /// <summary>Cancelled from the start of the cancel phase.</summary>
    Unprotected,

    /// <summary>Shielded (itself or an ancestor): drained in the shield phase, cancelled only once its shield ends.</summary>
    Shielded,

    /// <summary>Excluded (itself or an ancestor): left alone; stops with the system.</summary>
    Excluded,

    /// <summary>Unprotected, with shielded descendants: cancelled once the last of them has stopped.</summary>
    AncestorOfShielded,

    /// <summary>Unprotected, with excluded descendants: stops with the system.</summary>
    AncestorOfExcluded,
}
