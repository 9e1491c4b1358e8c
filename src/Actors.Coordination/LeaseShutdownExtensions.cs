namespace ActorShutdown.Coordination;

/// <summary>Ties leases to the lifetime of actors.</summary>
public static class LeaseShutdownExtensions
{
    /// <summary>
    /// Ties <paramref name="lease"/> to <paramref name="actor"/>'s lifetime: the lease is released the moment the
    /// actor stops — however it stops: drained, cancelled, escalated, abandoned by the shutdown guardian, or
    /// stopped outside any shutdown — so another process can take it over at once instead of waiting for it to
    /// expire. Meanwhile, if the lease is lost, the actor is told <see cref="LeaseLost"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The actor acquires the lease itself, when it likes; the release happens once it has terminated (after its
    /// <c>PostStop</c>), whether or not it acquired. A shielded actor keeps its lease while it drains its work.
    /// </para>
    /// <para>
    /// A release during a <see cref="CoordinatedShutdown"/> run is recorded in <see cref="ShutdownReport.Leases"/>,
    /// and the run's last phase (<c>actor-system-terminate</c>) waits for the releases in flight, so the report
    /// lists them and the process does not exit before they are done. A release that fails is logged and
    /// recorded with its failure; the lease then expires by itself after its heartbeat timeout.
    /// </para>
    /// </remarks>
    /// <param name="guardian">The shutdown guardian of the actor's system.</param>
    /// <param name="actor">The actor whose lifetime bounds the lease.</param>
    /// <param name="lease">The lease.</param>
    /// <returns>The tie; its <see cref="LeaseTie.Released"/> completes once the lease has been released after the actor stopped.</returns>
    /// <exception cref="ArgumentException">The actor does not belong to the guardian's system.</exception>
    public static LeaseTie ReleaseOnStop(this ShutdownGuardian guardian, IActorRef actor, Lease lease)
    {
        ArgumentNullException.ThrowIfNull(guardian);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(lease);
        var system = ActorSystem.Resolve(actor).System;
        if (system.ShutdownGuardian is not { } own || !ReferenceEquals(own, guardian))
            throw new ArgumentException($"{actor.Path} belongs to system '{system.Name}', not to this guardian's system.", nameof(actor));
        return LeaseTies.For(system).Add(actor, lease);
    }
}
