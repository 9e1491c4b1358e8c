namespace ActorShutdown.Coordination;

/// <summary>A lease tied to an actor's lifetime by <see cref="LeaseShutdownExtensions.ReleaseOnStop"/>.</summary>
public sealed class LeaseTie
{
    internal LeaseTie(IActorRef actor, Lease lease, Task<LeaseRelease> released)
    {
        Actor = actor;
        Lease = lease;
        Released = released;
    }

    /// <summary>The actor whose lifetime bounds the lease.</summary>
    public IActorRef Actor { get; }

    /// <summary>The lease.</summary>
    public Lease Lease { get; }

    /// <summary>
    /// Completes once the actor has stopped and the lease's release has ended, with what happened; never faults
    /// (a failed release is in <see cref="LeaseRelease.Failure"/>). <see cref="LeaseRelease.ReleasedAfter"/> counts
    /// from the start of the shutdown run, and is zero when none has started.
    /// </summary>
    public Task<LeaseRelease> Released { get; }
}
