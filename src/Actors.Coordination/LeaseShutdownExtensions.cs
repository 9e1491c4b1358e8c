using Akka.Actor;
using Akka.Coordination;

namespace ActorShutdown.Coordination;

/// <summary>Ties leases to the shutdown of an actor system.</summary>
public static class LeaseShutdownExtensions
{
    /// <summary>
    /// Ties <paramref name="lease"/> to the shutdown of <paramref name="system"/>: the lease is released the moment
    /// <paramref name="holder"/> terminates — however it stops: drained after its shield, cancelled, escalated, or
    /// stopped outside any shutdown — or, without a holder or while it is still alive, in
    /// <c>before-actor-system-terminate</c>, the last phase before the system terminates, on every shutdown path
    /// (<c>CoordinatedShutdown.Run</c>, a signal, <c>ActorSystem.Terminate()</c>). Another process can then take
    /// the lease over at once instead of waiting for it to expire.
    /// </summary>
    /// <remarks>
    /// Each release is logged and, when the shutdown guardian is loaded, recorded in the shutdown report
    /// (<see cref="ShutdownReport.Leases"/>); a release that fails or times out is recorded with its exception (the
    /// report is then not clean) and the lease expires by itself after its heartbeat timeout. The last phase waits
    /// for releases under way. A lease is released once, however many times it is tied.
    /// </remarks>
    /// <param name="lease">The lease; the holder (or the caller) acquires it when it likes.</param>
    /// <param name="system">The actor system whose shutdown ends the lease.</param>
    /// <param name="holder">The actor that uses the lease, or null to release it only in the last phase.</param>
    public static void ReleaseOnShutdown(this Lease lease, ActorSystem system, IActorRef? holder = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(system);
        system.WithExtension<LeaseReleases, LeaseReleasesProvider>().Add(lease, holder);
    }
}
