using Akka;
using Akka.Actor;
using Akka.Coordination;
using Akka.Event;

namespace ActorShutdown.Coordination;

/// <summary>
/// The leases tied to one system's shutdown (<see cref="LeaseShutdownExtensions.ReleaseOnShutdown"/>): each is
/// released once, when its holder terminates or in <c>before-actor-system-terminate</c>, whichever comes first; the
/// phase's task waits for every release.
/// </summary>
internal sealed class LeaseReleases : IExtension
{
    /// <summary>The name of the task in <c>before-actor-system-terminate</c>.</summary>
    public const string TaskName = "release-leases";

    private readonly ExtendedActorSystem _system;
    private readonly ILoggingAdapter _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<Lease, Task> _releases = new(ReferenceEqualityComparer.Instance);   // started; guarded by _gate
    private readonly HashSet<Lease> _tied = new(ReferenceEqualityComparer.Instance);                 // guarded by _gate

    public LeaseReleases(ExtendedActorSystem system)
    {
        _system = system;
        _log = Logging.GetLogger(system, "ActorShutdown.Coordination");
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, TaskName, ReleaseAll);
    }

    public void Add(Lease lease, IActorRef? holder)
    {
        lock (_gate)
        {
            if (!_tied.Add(lease)) return;
        }
        if (holder is not null) _system.SystemActorOf(Props.Create(() => new HolderWatch(holder, () => Release(lease))));
    }

    /// <summary>Releases every tied lease not yet released, and waits for every release.</summary>
    private async Task<Done> ReleaseAll()
    {
        Lease[] tied;
        lock (_gate) tied = [.. _tied];
        await Task.WhenAll(tied.Select(Release)).ConfigureAwait(false);
        return Done.Instance;
    }

    /// <summary>Starts the release of <paramref name="lease"/>, once; the task never faults.</summary>
    private Task Release(Lease lease)
    {
        lock (_gate)
        {
            if (!_releases.TryGetValue(lease, out var release))
            {
                release = ReleaseOnce(lease);
                _releases.Add(lease, release);
            }
            return release;
        }
    }

    private async Task ReleaseOnce(Lease lease)
    {
        await Task.Yield();   // never under the gate
        var (name, owner) = (lease.Settings.LeaseName, lease.Settings.OwnerName);
        var released = false;
        Exception? failure = null;
        try
        {
            released = await lease.Release().ConfigureAwait(false);
            _log.Info("Lease {0} of {1} released on shutdown (held: {2})", name, owner, released);
        }
#pragma warning disable CA1031 // A failed release is recorded and logged, not thrown: the shutdown goes on, the lease expires by itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
            _log.Error(e, "Lease {0} of {1}: the release on shutdown failed; the lease expires by itself after its heartbeat timeout", name, owner);
        }
        // Recorded only where the guardian is already loaded: loading it here would take over the system's shutdown.
        if (_system.HasExtension<ShutdownGuardian>())
            ShutdownGuardian.Get(_system).RecordLease(new LeaseOutcome(name, owner, released, failure));
    }

    /// <summary>Watches the holder of a lease, a system actor so that the guardian never cancels it.</summary>
    private sealed class HolderWatch : ReceiveActor
    {
        public HolderWatch(IActorRef holder, Action terminated)
        {
            Context.Watch(holder);
            Receive<Terminated>(_ =>
            {
                terminated();
                Context.Stop(Self);
            });
        }
    }
}

/// <summary>Creates the <see cref="LeaseReleases"/> of a system.</summary>
internal sealed class LeaseReleasesProvider : ExtensionIdProvider<LeaseReleases>
{
    public override LeaseReleases CreateExtension(ExtendedActorSystem system) => new(system);
}
