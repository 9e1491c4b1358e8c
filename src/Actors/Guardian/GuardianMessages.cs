using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>The messages of the guardian's actor.</summary>
internal static class GuardianMessages
{
    /// <summary>Protect an actor and its subtree (shield or exclude).</summary>
    internal sealed record Protect(IActorRef Actor, Shield Shield);

    internal sealed record Unshield(IActorRef Actor);

    /// <summary>
    /// An actor outside <c>/user</c> that another assembly hands to the run (a sharded entity being handed off):
    /// tracked and reported, and cancelled at once with the same attempts and escalation as the actors under /user.
    /// </summary>
    internal sealed record Adopt(IActorRef Actor);

    /// <summary>
    /// The cancel phase started at <paramref name="At"/> (scheduler ticks): take the scope and cancel, on a schedule
    /// counted from then however late this is handled; <paramref name="Done"/> completes when the loop is over.
    /// </summary>
    internal sealed record BeginCancelPhase(CoordinatedShutdown.Reason Reason, long RunStart, long At, TaskCompletionSource Done);

    /// <summary>The shield phase started: drain the shielded actors; <paramref name="Done"/> completes when they have stopped.</summary>
    internal sealed record BeginShieldPhase(TaskCompletionSource Done);

    /// <summary>The cancel phase timed out at <paramref name="At"/> (scheduler ticks): escalate every actor still in the loop.</summary>
    internal sealed record CancelPhaseTimedOut(long At);

    /// <summary>
    /// Actors in scope terminated: their notices wait in the guardian's queue. Sent from other threads, also after the
    /// guardian has stopped with the system: no dead-letter log then.
    /// </summary>
    internal sealed record Terminations : IDeadLetterSuppression
    {
        public static readonly Terminations Instance = new();
    }

    /// <summary>The tokens tripped ahead of the cancel phase's walk have been: the walk may start.</summary>
    internal sealed record TokensTripped : IDeadLetterSuppression
    {
        public static readonly TokensTripped Instance = new();
    }

    /// <summary>A due step may be waiting.</summary>
    internal sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
