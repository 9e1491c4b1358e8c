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
    /// The report's actor outcomes, as of now. What can still change (fate, attempts, stop time, failure) is copied
    /// now, in a struct per actor; the outcomes and their path strings are built from that copy on the report's
    /// first look at them. An actor that has terminated or was detached but whose notice the guardian never
    /// handled (the last phase abandoned it just before the report, or the notice reached the guardian after it
    /// had stopped) is reported by its own state, stopped now.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]   // once per shutdown, over every actor: see TakeScope
    public IReadOnlyList<ActorOutcome> Outcomes()
    {
        var now = time.GetUtcNow().UtcTicks;
        OutcomeState[] states;
        var anyAbandoned = false;
        lock (_lock)
        {
            states = new OutcomeState[_actors.Count];
            for (var i = 0; i < states.Length; i++)
            {
                var t = _actors[i];
                var fate = t.Fate;
                long? stoppedAt = fate == ActorFate.Running ? null : t.StoppedAt ?? now;
                states[i] = new OutcomeState(fate, t.Cell.CancelAttempts, stoppedAt is { } at ? TimeSpan.FromTicks(at - RunStart) : TimeSpan.Zero, t.Cell.StopFailure);
                anyAbandoned |= fate == ActorFate.Abandoned;
            }
        }
        return new ActorOutcomeList(states.Length, anyAbandoned, () =>
        {
            var outcomes = new ActorOutcome[states.Length];
            lock (_lock)   // the list only grows: its first entries are the ones copied above
            {
                for (var i = 0; i < outcomes.Length; i++)
                {
                    var (t, s) = (_actors[i], states[i]);
                    outcomes[i] = new ActorOutcome(t.Cell.Path.ToString(), t.Shield is { Excluded: false }, t.Shield is { Excluded: true },
                        s.CancelAttempts, s.Fate, s.StoppedAfter, s.Failure);
                }
            }
            return outcomes;
        });
    }

    /// <summary>An actor's outcome as of the report, but for what never changes (its path and protection).</summary>
    private readonly record struct OutcomeState(ActorFate Fate, int CancelAttempts, TimeSpan StoppedAfter, Exception? Failure);
}
