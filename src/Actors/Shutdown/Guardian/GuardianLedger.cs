namespace ActorShutdown;

/// <summary>
/// The actors the guardian has in scope, in the order it took them. The guardian's actor adds to it; the report
/// reads it once the run is over (under the lock, so a late addition cannot tear the list).
/// </summary>
internal sealed class GuardianLedger(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<TrackedActor> _actors = [];

    /// <summary>When the run began (UTC ticks of the system clock).</summary>
    public long RunStart { get; set; }

    /// <summary>The tracked actors (guardian thread only).</summary>
    public List<TrackedActor> Actors => _actors;

    /// <summary>The actor's record, kept on the cell itself: a lookup per termination notice, without a dictionary of 100,000 entries.</summary>
    public static bool TryGet(ActorCell cell, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrackedActor? tracked) =>
        (tracked = cell.Tracked) is not null;

    /// <summary>Makes room for <paramref name="count"/> actors (guardian thread only): growing a list of 100,000 one doubling at a time allocates ~2 MB of large-object arrays, and large-object allocations bring on full collections.</summary>
    public void EnsureCapacity(int count)
    {
        lock (_lock) _actors.EnsureCapacity(count);
    }

    public void Add(TrackedActor tracked)
    {
        tracked.Cell.Tracked = tracked;
        lock (_lock) _actors.Add(tracked);
        Interlocked.Increment(ref _inScope);
        if (tracked.Role == ActorRole.Shielded) Interlocked.Increment(ref _shieldedInScope);
    }

    // Progress counters: written on the guardian's thread, read from any (GetProgress).
    private int _inScope;
    private int _stopped;
    private int _shieldedInScope;
    private int _shieldedStopped;
    private int _attemptsSent;

    /// <summary>Counts a tracked actor's termination (once per actor, when its StoppedAt is set).</summary>
    public void CountStopped(TrackedActor tracked)
    {
        Interlocked.Increment(ref _stopped);
        if (tracked.Role == ActorRole.Shielded) Interlocked.Increment(ref _shieldedStopped);
    }

    /// <summary>Counts one cancel request sent by the guardian.</summary>
    public void CountAttempt() => Interlocked.Increment(ref _attemptsSent);

    /// <summary>Fills the actor counts of a progress snapshot.</summary>
    public ShutdownProgress FillProgress(ShutdownProgress progress)
    {
        var stopped = Volatile.Read(ref _stopped);
        var inScope = Volatile.Read(ref _inScope);
        var shieldedStopped = Volatile.Read(ref _shieldedStopped);
        var shieldedInScope = Volatile.Read(ref _shieldedInScope);
        return progress with
        {
            ActorsInScope = inScope,
            ActorsLeft = Math.Max(0, inScope - stopped),
            ShieldedLeft = Math.Max(0, shieldedInScope - shieldedStopped),
            CancelAttemptsSent = Volatile.Read(ref _attemptsSent),
        };
    }

    /// <summary>
    /// The report's actor outcomes. An actor that has terminated or was detached but whose notice the guardian has
    /// not handled (the last phase abandoned it just before the report is made, or the notice reached a guardian
    /// already stopped with the system: a child frees its name, letting its parent and the system terminate,
    /// before it tells its watchers) is reported by its own state, stopped now.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]   // once per shutdown, over every actor: see TakeScope
    public IReadOnlyList<ActorOutcome> Outcomes()
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            var outcomes = new ActorOutcome[_actors.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var t = _actors[i];
                var stoppedAt = t.StoppedAt ?? (t.Cell.IsTerminated ? now : null);
                var stoppedAfter = stoppedAt is { } at ? TimeSpan.FromTicks(at - RunStart) : TimeSpan.Zero;
                outcomes[i] = new ActorOutcome(t.Cell.Path.ToString(), t.Shield is { Excluded: false }, t.Shield is { Excluded: true },
                    t.Cell.CancelAttempts, t.Fate, stoppedAfter, t.Cell.StopFailure);
            }
            return outcomes;
        }
    }
}
