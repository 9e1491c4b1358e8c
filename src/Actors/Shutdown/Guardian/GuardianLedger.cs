namespace ActorShutdown;

/// <summary>
/// The actors the guardian has in scope, in the order it took them. The guardian's actor adds to it; the report
/// reads it once the run is over (under the lock, so a late addition cannot tear the list).
/// </summary>
internal sealed class GuardianLedger(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ActorCell, TrackedActor> _byCell = [];
    private readonly List<TrackedActor> _actors = [];

    /// <summary>When the run began (UTC ticks of the system clock).</summary>
    public long RunStart { get; set; }

    /// <summary>The tracked actors (guardian thread only).</summary>
    public List<TrackedActor> Actors => _actors;

    public bool TryGet(ActorCell cell, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrackedActor? tracked) => _byCell.TryGetValue(cell, out tracked);

    public void Add(TrackedActor tracked)
    {
        lock (_lock)
        {
            _byCell.Add(tracked.Cell, tracked);
            _actors.Add(tracked);
        }
    }

    /// <summary>
    /// The report's actor outcomes. An actor detached whose notice the guardian has not handled yet (one the last
    /// phase abandoned as it timed out, just before the report is made) is reported abandoned now.
    /// </summary>
    public IReadOnlyList<ActorOutcome> Outcomes()
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            var outcomes = new ActorOutcome[_actors.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var t = _actors[i];
                var abandonedUnseen = t.StoppedAt is null && t.Cell.IsDetached;
                var stoppedAt = t.StoppedAt ?? (abandonedUnseen ? now : null);
                var stoppedAfter = stoppedAt is { } at ? TimeSpan.FromTicks(at - RunStart) : TimeSpan.Zero;
                outcomes[i] = new ActorOutcome(t.Cell.Path.ToString(), t.Shield is { Excluded: false }, t.Shield is { Excluded: true },
                    t.Cell.CancelAttempts, abandonedUnseen ? ActorFate.Abandoned : t.Fate, stoppedAfter, t.Cell.StopFailure);
            }
            return outcomes;
        }
    }
}
