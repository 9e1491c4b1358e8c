namespace ActorShutdown;

/// <summary>
/// A protection registered for an actor (by <see cref="ShutdownGuardian.Shield"/>, <see cref="ShutdownGuardian.Exclude"/>,
/// a path pattern or an excluded type), shared by every actor of the subtree it covers.
/// </summary>
internal sealed class Shield(bool excluded, TimeSpan? bound, object? stopMessage)
{
    /// <summary>Excluded rather than shielded.</summary>
    public bool Excluded { get; } = excluded;

    /// <summary>How long the shield lasts from the start of the cancel phase; null for no bound.</summary>
    public TimeSpan? Bound { get; } = bound;

    /// <summary>The message that drains the top of the subtree; null for <see cref="Akka.Actor.PoisonPill"/>.</summary>
    public object? StopMessage { get; } = stopMessage;

    /// <summary>Ended by its bound or by Unshield: its members are cancelled like any other actor.</summary>
    public bool Ended { get; set; }

    /// <summary>The actors in scope it covers.</summary>
    public List<TrackedActor> Members { get; } = [];
}
