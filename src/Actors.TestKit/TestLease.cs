using System.Collections.Concurrent;
using ActorShutdown.Coordination;
using Akka.Actor;
using Akka.Coordination;

namespace ActorShutdown.TestKit;

/// <summary>
/// A lease kept in memory, for tests: loaded from HOCON like any Akka lease, with
/// <c>lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"</c>, and controllable from the test.
/// </summary>
/// <remarks>
/// <para>
/// Left alone it behaves like the real leases: one in-memory record per lease name, shared by every actor system of
/// the process (so two systems contend for it), an expiry of <c>heartbeat-timeout</c> on the acquiring system's
/// clock (virtual under a test scheduler), heartbeats every <c>heartbeat-interval</c>, and the lease-lost callback
/// when a renewal finds it taken.
/// </para>
/// <para>
/// Get the instance Akka made with <see cref="Get"/>; then script what its next acquire answers
/// (<see cref="SetNextAcquireResult"/>, a pending task to complete later included), make it lose the lease
/// (<see cref="LoseLease"/>), and see the store operations it made (<see cref="Calls"/>).
/// </para>
/// </remarks>
public sealed class TestLease : HeartbeatLease
{
    private static readonly ConcurrentDictionary<(ActorSystem System, string Name, string Owner), TestLease> Instances = new();

    private readonly Lock _gate = new();
    private readonly List<TestLeaseCall> _calls = [];   // guarded by _gate
    private Task<bool>? _nextAcquire;                   // guarded by _gate

    /// <summary>Creates the lease; Akka's <see cref="LeaseProvider"/> calls this.</summary>
    /// <param name="settings">Name, owner and timings.</param>
    /// <param name="system">The actor system.</param>
    public TestLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        Instances[(system, settings.LeaseName, settings.OwnerName)] = this;
        system.WhenTerminated.ContinueWith(_ => Instances.TryRemove((system, settings.LeaseName, settings.OwnerName), out var _),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The store operations this lease made, in order.</summary>
    public IReadOnlyList<TestLeaseCall> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }

    /// <summary>The test lease named <paramref name="leaseName"/> that Akka made in <paramref name="system"/> (for <paramref name="owner"/>).</summary>
    /// <param name="system">The actor system that made it.</param>
    /// <param name="leaseName">The lease's name.</param>
    /// <param name="owner">Its owner; may be left out when the system made the lease for one owner only.</param>
    /// <exception cref="InvalidOperationException">The system made no such lease, or several and no owner was given.</exception>
    public static TestLease Get(ActorSystem system, string leaseName, string? owner = null)
    {
        var found = Instances.Where(i => ReferenceEquals(i.Key.System, system) && i.Key.Name == leaseName && (owner is null || i.Key.Owner == owner))
            .Select(i => i.Value).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new InvalidOperationException($"System '{system.Name}' made no TestLease named '{leaseName}'{(owner is null ? "" : $" for '{owner}'")}: get it from LeaseProvider first."),
            _ => throw new InvalidOperationException($"System '{system.Name}' made TestLeases named '{leaseName}' for several owners ({string.Join(", ", found.Select(l => l.Settings.OwnerName))}): name the owner."),
        };
    }

    /// <summary>
    /// Scripts the answer of the next acquire, instead of the store's: <c>true</c> takes the lease whoever holds it,
    /// <c>false</c> refuses it, a faulted task fails it, and a pending task (of a <see cref="TaskCompletionSource{T}"/>)
    /// keeps it pending until the test completes it. The acquire's operation timeout still applies.
    /// </summary>
    /// <param name="result">The answer.</param>
    public void SetNextAcquireResult(Task<bool> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate) _nextAcquire = result;
    }

    /// <summary>Makes the holder lose the lease now, as if another owner had taken it: the lease-lost callback gets <paramref name="reason"/>.</summary>
    /// <param name="reason">What the callback gets; a <see cref="LeaseException"/> saying so by default.</param>
    public void LoseLease(Exception? reason = null)
    {
        TestLeaseStore.Update(Settings.LeaseName, r => r.Owner == Settings.OwnerName ? TestLeaseStore.Free : null);
        ReportLost(reason ?? new LeaseException($"Test lease '{Settings.LeaseName}' was taken from '{Settings.OwnerName}' by the test."));
    }

    /// <inheritdoc />
    protected override async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        Task<bool>? scripted;
        lock (_gate)
        {
            _calls.Add(TestLeaseCall.Acquire);
            scripted = _nextAcquire;
            _nextAcquire = null;
        }
        if (scripted is null)
            return TestLeaseStore.Update(Settings.LeaseName, r => r.Owner is null || r.Owner == Settings.OwnerName || Now >= r.ExpiresAt ? Held() : null);
        var acquired = await scripted.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (acquired) TestLeaseStore.Update(Settings.LeaseName, _ => Held());
        return acquired;
    }

    /// <inheritdoc />
    protected override Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        lock (_gate) _calls.Add(TestLeaseCall.Renew);
        return Task.FromResult(TestLeaseStore.Update(Settings.LeaseName, r => r.Owner == Settings.OwnerName ? Held() : null));
    }

    /// <inheritdoc />
    protected override Task<bool> TryReleaseAsync(CancellationToken cancellationToken)
    {
        lock (_gate) _calls.Add(TestLeaseCall.Release);
        return Task.FromResult(TestLeaseStore.Update(Settings.LeaseName, r => r.Owner == Settings.OwnerName ? TestLeaseStore.Free : null));
    }

    private TestLeaseStore.Record Held() => new(Settings.OwnerName, Now + Settings.TimeoutSettings.HeartbeatTimeout);
}
