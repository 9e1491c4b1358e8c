using Akka.Actor;

namespace ActorShutdown;

/// <summary>The messages of the guardian's actor.</summary>
internal static class GuardianMessages
{
    /// <summary>Protect an actor and its subtree (shield or exclude).</summary>
    internal sealed record Protect(IActorRef Actor, Shield Shield);

    internal sealed record Unshield(IActorRef Actor);

    /// <summary>The cancel phase started: take the scope and cancel; <paramref name="Done"/> completes when the loop is over.</summary>
    internal sealed record BeginCancelPhase(CoordinatedShutdown.Reason Reason, long RunStart, TaskCompletionSource Done);

    /// <summary>The shield phase started: drain the shielded actors; <paramref name="Done"/> completes when they have stopped.</summary>
    internal sealed record BeginShieldPhase(TaskCompletionSource Done);

    /// <summary>The cancel phase timed out: escalate every actor still in the loop now.</summary>
    internal sealed record CancelPhaseTimedOut
    {
        public static readonly CancelPhaseTimedOut Instance = new();
    }

    /// <summary>A due step may be waiting.</summary>
    internal sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
