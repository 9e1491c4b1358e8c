using Akka.Actor;
using Akka.Coordination;
using ActorShutdown.Coordination;

namespace ActorShutdown.Samples.Cluster;

/// <summary>
/// The singleton's lease: ActorShutdown's <see cref="FileLease"/>, recording each acquire and release in
/// <see cref="Events"/> so that the order of "released here, acquired there" can be seen.
/// </summary>
public sealed class RecordingLease : Lease
{
    private readonly FileLease _lease;

    /// <summary>Created by Akka's LeaseProvider from the section named by <c>use-lease</c>.</summary>
    public RecordingLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings) => _lease = new FileLease(settings, system);

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(null);

    /// <inheritdoc />
    public override async Task<bool> Acquire(Action<Exception?>? leaseLostCallback)
    {
        var acquired = await _lease.Acquire(leaseLostCallback!).ConfigureAwait(false);
        if (acquired) Events.Record("lease-acquired");
        return acquired;
    }

    /// <inheritdoc />
    public override async Task<bool> Release()
    {
        var released = await _lease.Release().ConfigureAwait(false);
        Events.Record($"lease-released {released}");
        return released;
    }

    /// <inheritdoc />
    public override bool CheckLease() => _lease.CheckLease();
}
