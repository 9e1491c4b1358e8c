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
    private readonly Dictionary<IActorRef, TrackedActor> _byActor = [];

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
    /// The outcomes as of now (call under <see cref="Lock"/>): a copy of each actor's fate is taken at once, the outcome
    /// records and their path strings only when first read.
    /// </summary>
    /// <param name="now">Scheduler ticks now.</param>
    /// <param name="deadlinePassed">Whether the deadline passed: an actor still alive then is abandoned.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // once per shutdown over every actor: skip tier 0
    public ActorOutcomeList Snapshot(long now, bool deadlinePassed)
    {
        var runStart = RunStart == 0 ? now : RunStart;
        var copies = new FateCopy[Actors.Count];
        var anyAbandoned = false;
        for (var i = 0; i < copies.Length; i++)
        {
            var t = Actors[i];
            var fate = FateOf(t, deadlinePassed);
            anyAbandoned |= fate == ActorFate.Abandoned;
            var at = t.StoppedAt ?? t.AbandonedAt ?? (fate == ActorFate.Abandoned ? now : runStart);
            copies[i] = new FateCopy(t, fate, t.Attempts, TimeSpan.FromTicks(Math.Max(0, at - runStart)), t.Failure);
        }
        return new ActorOutcomeList(copies.Length, anyAbandoned, () => Array.ConvertAll(copies, c => new ActorOutcome(
            c.Tracked.Actor.Path.ToStringWithoutAddress(),
            c.Tracked.Role == ActorRole.Shielded || c.Tracked.Shield is { Excluded: false },
            c.Tracked.Role is ActorRole.Excluded,
            c.Attempts, c.Fate, c.StoppedAfter, c.Failure)));
    }

    private static ActorFate FateOf(TrackedActor t, bool deadlinePassed)
    {
        if (t.StoppedAt is not null) return t.Escalated ? ActorFate.Escalated : t.Drained ? ActorFate.Drained : ActorFate.Stopped;
        if (t.AbandonedAt is not null) return ActorFate.Abandoned;
        return deadlinePassed && t.Role is not (ActorRole.Excluded or ActorRole.AncestorOfExcluded) ? ActorFate.Abandoned : ActorFate.Running;
    }

    private readonly record struct FateCopy(TrackedActor Tracked, ActorFate Fate, int Attempts, TimeSpan StoppedAfter, Exception? Failure);
}
