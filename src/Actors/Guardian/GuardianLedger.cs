using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Every actor the guardian tracks, in the order it took them, and the counts <see cref="ShutdownGuardian.Progress"/>
/// shows. The guardian's actor changes it under <see cref="Lock"/>; the report and the progress read it from other
/// threads under the same lock.
/// </summary>
internal sealed class GuardianLedger
{
    private readonly Dictionary<IActorRef, TrackedActor> _byActor = new(ActorRefIdentity.Instance);

    public Lock Lock { get; } = new();

    public List<TrackedActor> Actors { get; } = [];

    /// <summary>Tracked actors neither terminated nor given up.</summary>
    public int Live { get; set; }

    public int CancelRequestsSent { get; set; }

    /// <summary>When the run started (scheduler ticks); 0 before.</summary>
    public long RunStart { get; set; }

    public bool TryGet(IActorRef actor, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TrackedActor tracked) =>
        _byActor.TryGetValue(actor, out tracked);

    public void Add(TrackedActor tracked)
    {
        _byActor.Add(tracked.Actor, tracked);
        Actors.Add(tracked);
        Live++;
    }

    /// <summary>Sizes the ledger for <paramref name="more"/> more actors at once, so a large scope does not grow it a doubling at a time.</summary>
    public void EnsureCapacity(int more)
    {
        _byActor.EnsureCapacity(Actors.Count + more);
        Actors.EnsureCapacity(Actors.Count + more);
    }

    /// <summary>
    /// The outcomes at the end of the run (call under <see cref="Lock"/>): a copy of each actor's fate is taken at
    /// once, the outcome records and their path strings only when first read.
    /// </summary>
    /// <param name="now">Scheduler ticks now.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // once per shutdown over every actor: skip tier 0
    public ActorOutcomeList Snapshot(long now)
    {
        var runStart = RunStart == 0 ? now : RunStart;
        var copies = new FateCopy[Actors.Count];
        var anyAbandoned = false;
        for (var i = 0; i < copies.Length; i++)
        {
            var t = Actors[i];
            var (fate, at) = FateOf(t, now);
            anyAbandoned |= fate == ActorFate.Abandoned;
            copies[i] = new FateCopy(t, fate, t.Attempts, TimeSpan.FromTicks(Math.Max(0, at - runStart)), t.Failure);
        }
        return new ActorOutcomeList(copies.Length, anyAbandoned, () => Array.ConvertAll(copies, c => new ActorOutcome(
            c.Tracked.Actor.Path.ToStringWithoutAddress(),
            c.Tracked.Role == ActorRole.Shielded || c.Tracked.Shield is { Excluded: false },
            c.Tracked.Role is ActorRole.Excluded,
            c.Attempts, c.Fate, c.StoppedAfter, c.Failure)));
    }

    /// <summary>
    /// How an actor ended, and when. One still alive at the end of the run was given up, unless it is excluded (or
    /// holds an excluded one): those stop with the system. One that terminated without the guardian hearing of it
    /// (its notice was still queued when the system stopped the guardian) counts as stopped now.
    /// </summary>
    private static (ActorFate Fate, long At) FateOf(TrackedActor t, long now)
    {
        if (t.AbandonedAt is { } abandoned) return (ActorFate.Abandoned, abandoned);
        var stopped = t.StoppedAt ?? (ActorTree.IsTerminated(t.Actor) ? now : null);
        if (stopped is { } at) return (t.Escalated ? ActorFate.Escalated : t.Drained ? ActorFate.Drained : ActorFate.Stopped, at);
        return t.Role is ActorRole.Excluded or ActorRole.AncestorOfExcluded ? (ActorFate.Running, now) : (ActorFate.Abandoned, now);
    }

    private readonly record struct FateCopy(TrackedActor Tracked, ActorFate Fate, int Attempts, TimeSpan StoppedAfter, Exception? Failure);
}
