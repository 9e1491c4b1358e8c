using ActorShutdown.Configuration;
using ActorShutdown.Coordination;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.TestKit;

/// <summary>
/// An in-memory lease for tests, with the same heartbeat, expiry and timeout behaviour as the real ones (it is a
/// <see cref="HeartbeatLease"/> over a <see cref="TestLeaseStore"/>), that a test can also script: the result of
/// the next acquire, losing the lease on demand, a store that hangs. Every acquire and release is reported to
/// <see cref="Probe"/> as <see cref="AcquireRequested"/> and <see cref="ReleaseRequested"/>.
/// </summary>
/// <remarks>
/// Configure it with <c>lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"</c>; leases the
/// <c>LeaseProvider</c> of one system creates share that system's store, and each gets its own probe.
/// </remarks>
public sealed class TestLease : HeartbeatLease
{
    private static int s_probes;
    private readonly Lock _gate = new();
    private readonly IActorRef? _reportTo;
    private Task<bool>? _nextAcquireResult;

    /// <summary>Creates the lease in <paramref name="system"/>'s store, on its clock, with a new probe (the constructor the lease provider uses).</summary>
    public TestLease(LeaseSettings settings, ActorSystem system)
        : this(settings, (system ?? throw new ArgumentNullException(nameof(system))).Time, TestLeaseStore.For(system), system.LoggerFactory,
            new TestProbe(system, TestKitSettings.FromConfig(system.Config), $"testLease-{Interlocked.Increment(ref s_probes)}"))
    {
    }

    /// <summary>Creates the lease.</summary>
    /// <param name="settings">Name, owner and timings.</param>
    /// <param name="time">The clock of expiries, heartbeats and timeouts.</param>
    /// <param name="store">The store it contends in.</param>
    /// <param name="loggerFactory">Where to log (nowhere when null).</param>
    /// <param name="probe">Where acquire and release requests are reported (nowhere when null).</param>
    public TestLease(LeaseSettings settings, TimeProvider time, TestLeaseStore store, ILoggerFactory? loggerFactory = null, TestProbe? probe = null)
        : base(settings, time, loggerFactory?.CreateLogger<TestLease>())
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Probe = probe;
        _reportTo = probe?.Ref;
    }

    /// <summary>Told of every acquire of a test lease, when it starts.</summary>
    public sealed record AcquireRequested(string LeaseName, string Owner);

    /// <summary>Told of every release of a test lease, when it starts.</summary>
    public sealed record ReleaseRequested(string LeaseName, string Owner);

    /// <summary>The probe told of acquires and releases; null when none was given.</summary>
    public TestProbe? Probe { get; }

    /// <summary>The store this lease contends in.</summary>
    public TestLeaseStore Store { get; }

    /// <summary>
    /// Scripts the next acquire: it returns <paramref name="result"/> whatever the store says; true also records
    /// this owner as the holder (taking the lease from any other).
    /// </summary>
    public void SetNextAcquireResult(bool result) => SetNextAcquireResult(Task.FromResult(result));

    /// <summary>
    /// Scripts the next acquire: it completes as <paramref name="result"/> does — a task that never completes
    /// makes it time out with a <see cref="LeaseTimeoutException"/>, a faulted one fail with a <see cref="LeaseException"/>.
    /// </summary>
    public void SetNextAcquireResult(Task<bool> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate) _nextAcquireResult = result;
    }

    /// <summary>
    /// Takes the lease away from this owner now, as if another owner had taken it over: the store frees it, and
    /// the acquirer's callback (and anything tied to the lease) is told, with <paramref name="reason"/>.
    /// </summary>
    public void LoseLease(Exception? reason = null)
    {
        Store.Evict(Settings.LeaseName, Settings.OwnerName, Time.GetUtcNow());
        ReportLost(reason ?? new LeaseException($"Test lease '{Settings.LeaseName}' of '{Settings.OwnerName}' was lost on demand."));
    }

    /// <inheritdoc />
    protected override async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        _reportTo?.Tell(new AcquireRequested(Settings.LeaseName, Settings.OwnerName));
        Task<bool>? scripted;
        lock (_gate)
        {
            scripted = _nextAcquireResult;
            _nextAcquireResult = null;
        }
        if (scripted is null)
            return await Store.TryAcquire(Settings.LeaseName, Settings.OwnerName, Time.GetUtcNow(), Settings.HeartbeatTimeout, force: false, cancellationToken).ConfigureAwait(false);
        var result = await scripted.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result && await Store.TryAcquire(Settings.LeaseName, Settings.OwnerName, Time.GetUtcNow(), Settings.HeartbeatTimeout, force: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task<bool> TryRenewAsync(CancellationToken cancellationToken) =>
        Store.TryRenew(Settings.LeaseName, Settings.OwnerName, Time.GetUtcNow(), Settings.HeartbeatTimeout, cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryReleaseAsync(CancellationToken cancellationToken)
    {
        _reportTo?.Tell(new ReleaseRequested(Settings.LeaseName, Settings.OwnerName));
        return Store.TryRelease(Settings.LeaseName, Settings.OwnerName, Time.GetUtcNow(), cancellationToken);
    }
}
