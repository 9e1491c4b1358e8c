using Akka.Actor;

namespace ActorShutdown;

/// <summary>The guardian's record of one actor in its scope. Touched only by the guardian's actor, under the ledger's lock.</summary>
internal sealed class TrackedActor(IActorRef actor, TrackedActor? parent, ActorRole role, Shield? shield, bool isRouter)
{
    public IActorRef Actor { get; } = actor;

    public TrackedActor? Parent { get; } = parent;

    public ActorRole Role { get; set; } = role;

    public Shield? Shield { get; } = shield;

    /// <summary>A router: never sent Cancel itself (it would pass it to one routee); its routees are cancelled.</summary>
    public bool IsRouter { get; } = isRouter;

    /// <summary>The cancel loop it is in, once it has one.</summary>
    public CancelCohort? Cohort { get; set; }

    /// <summary>Cancel requests the guardian made for it.</summary>
    public int Attempts { get; set; }

    /// <summary>When it terminated (scheduler ticks), or null.</summary>
    public long? StoppedAt { get; set; }

    /// <summary>When it was given up (scheduler ticks), or null.</summary>
    public long? AbandonedAt { get; set; }

    public bool Escalated { get; set; }

    /// <summary>Its stop message was sent (it drains).</summary>
    public bool StopSent { get; set; }

    /// <summary>Given its stop message (or drained with its shielded ancestor) while its shield held.</summary>
    public bool Drained { get; set; }

    /// <summary>The first exception logged for it during the run.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Shielded descendants (outside its own shield) still alive: it is not cancelled while there are any.</summary>
    public int LiveShieldedDescendants { get; set; }

    /// <summary>Whether its ancestors count it in <see cref="LiveShieldedDescendants"/>.</summary>
    public bool CountedByAncestors { get; set; }

    /// <summary>It keeps the cancel phase's task from completing.</summary>
    public bool HoldsCancelPhase { get; set; }

    /// <summary>It keeps the shield phase's task from completing.</summary>
    public bool HoldsShieldPhase { get; set; }

    /// <summary>Neither terminated nor given up.</summary>
    public bool Live => StoppedAt is null && AbandonedAt is null;
}
