using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease kept in a store (a file, a database table, memory) and kept alive by heartbeats: implementations
/// supply three atomic store operations — take, renew, give up — and this class supplies the rest: the
/// operation timeout, the heartbeat timer, and the detection and report of a lost lease.
/// </summary>
/// <remarks>
/// <para>
/// Each store operation writes the expiry itself, as the store's current time plus
/// <see cref="LeaseSettings.HeartbeatTimeout"/>, so the store alone decides whether a lease has expired. The
/// holder counts its own deadline from the moment it sent its last successful acquire or renewal — never later
/// than the store's, so a holder always believes it has lost the lease before another owner can take it.
/// </para>
/// <para>
/// While held, a renewal goes out every <see cref="LeaseSettings.HeartbeatInterval"/> (one at a time). The lease
/// is lost, and the acquirer's callback told, when a renewal finds the lease no longer this owner's, or when a
/// heartbeat finds that no renewal has succeeded for <see cref="LeaseSettings.HeartbeatTimeout"/> (the store
/// failing or unreachable). All time — the heartbeat, the deadline, the operation timeout — comes from the
/// <see cref="TimeProvider"/> given to the constructor, the actor system's clock when created by
/// <see cref="LeaseProvider"/>.
/// </para>
/// </remarks>
public abstract class HeartbeatLease : Lease
{
    private readonly Lock _gate = new();
    private Holding? _holding;   // guarded by _gate

    /// <summary>Creates the lease.</summary>
    /// <param name="settings">Name, owner and timings.</param>
    /// <param name="time">The clock for heartbeats, deadlines and operation timeouts.</param>
    /// <param name="logger">Where renewal failures and lost leases are logged (nowhere when null).</param>
    protected HeartbeatLease(LeaseSettings settings, TimeProvider time, ILogger? logger) : base(settings)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The clock of heartbeats, deadlines and operation timeouts.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The lease's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Told after every heartbeat's renewal attempt: true when the store renewed the lease. For tests that step a manual clock.</summary>
    internal event Action<bool>? HeartbeatCompleted;

    /// <summary>
    /// Takes the lease in the store, atomically, when it is free, expired, or already this owner's, setting its
    /// expiry to the store's time plus <see cref="LeaseSettings.HeartbeatTimeout"/>. True when taken.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes.</param>
    protected abstract Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease's expiry, atomically, only when the store still records this owner as its holder.
    /// False when it does not: the lease was taken over or released.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes, or when the lease is released or lost meanwhile.</param>
    protected abstract Task<bool> TryRenewAsync(CancellationToken cancellationToken);

    /// <summary>Frees the lease, atomically, only when the store records this owner as its holder. True when freed.</summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes.</param>
    protected abstract Task<bool> TryReleaseAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public sealed override async Task<bool> Acquire(Action<Exception?> leaseLost)
    {
        ArgumentNullException.ThrowIfNull(leaseLost);
        var sentAt = Time.GetTimestamp();
        var acquired = await RunOperation("acquire", TryAcquireAsync, CancellationToken.None).ConfigureAwait(false);
        Holding? lost = null;
        lock (_gate)
        {
            if (acquired && _holding is { } held)
            {
                held.RenewedAt = Math.Max(held.RenewedAt, sentAt);
                held.Callback = leaseLost;
            }
            else if (acquired)
            {
                var holding = new Holding(this, leaseLost, sentAt);
                holding.Timer = Time.CreateTimer(static s => ((Holding)s!).Lease.OnHeartbeat((Holding)s), holding,
                    Settings.HeartbeatInterval, Settings.HeartbeatInterval);
                _holding = holding;
            }
            else
            {
                // The store says another owner holds it: whatever this owner believed it held is gone.
                lost = _holding;
                _holding = null;
            }
        }
        if (acquired) CoordinationLog.Acquired(Logger, Settings.LeaseName, Settings.OwnerName);
        if (lost is not null) Lose(lost, new LeaseException($"Lease '{Settings.LeaseName}' is held by another owner; '{Settings.OwnerName}' lost it."));
        return acquired;
    }

    /// <inheritdoc />
    public sealed override async Task<bool> Release()
    {
        Holding? held;
        lock (_gate)
        {
            held = _holding;
            _holding = null;
        }
        held?.End();
        var released = await RunOperation("release", TryReleaseAsync, CancellationToken.None).ConfigureAwait(false);
        CoordinationLog.Released(Logger, Settings.LeaseName, Settings.OwnerName, released);
        return released;
    }

    /// <inheritdoc />
    public sealed override bool CheckLease()
    {
        lock (_gate) return _holding is { } held && Time.GetElapsedTime(held.RenewedAt) < Settings.HeartbeatTimeout;
    }

    /// <summary>
    /// Ends this owner's hold because the implementation learned it was lost (for example the store told it):
    /// the heartbeat stops and the acquirer is told. Does nothing when the lease is not held.
    /// </summary>
    /// <param name="reason">Why, when known.</param>
    protected void ReportLost(Exception? reason)
    {
        Holding? held;
        lock (_gate)
        {
            held = _holding;
            _holding = null;
        }
        if (held is not null) Lose(held, reason ?? new LeaseException($"Lease '{Settings.LeaseName}' was lost by '{Settings.OwnerName}'."));
    }

    private void OnHeartbeat(Holding holding)
    {
        Exception? expired = null;
        lock (_gate)
        {
            if (!ReferenceEquals(_holding, holding)) return;
            var sinceRenewal = Time.GetElapsedTime(holding.RenewedAt);
            if (sinceRenewal >= Settings.HeartbeatTimeout)
            {
                _holding = null;
                expired = holding.LastFailure is { } failure
                    ? new LeaseException($"Lease '{Settings.LeaseName}' of '{Settings.OwnerName}' expired: no renewal succeeded for {sinceRenewal} (heartbeat-timeout {Settings.HeartbeatTimeout}); the last failure: {failure.Message}", failure)
                    : new LeaseException($"Lease '{Settings.LeaseName}' of '{Settings.OwnerName}' expired: no renewal succeeded for {sinceRenewal} (heartbeat-timeout {Settings.HeartbeatTimeout}).");
            }
            else if (holding.Renewing)
            {
                return;
            }
            else
            {
                holding.Renewing = true;
            }
        }
        if (expired is not null)
        {
            Lose(holding, expired);
            return;
        }
        _ = RenewAsync(holding);
    }

    private async Task RenewAsync(Holding holding)
    {
        var sentAt = Time.GetTimestamp();
        var renewed = false;
        LeaseException? failure = null;
        try
        {
            renewed = await RunOperation("renewal", TryRenewAsync, holding.Stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (holding.Stopping.IsCancellationRequested)
        {
            // Released or lost meanwhile: nothing to renew.
        }
        catch (LeaseException e)
        {
            failure = e;
        }
        var lost = false;
        var current = false;
        lock (_gate)
        {
            holding.Renewing = false;
            if (ReferenceEquals(_holding, holding))
            {
                current = true;
                if (renewed) holding.RenewedAt = Math.Max(holding.RenewedAt, sentAt);
                else if (failure is not null) holding.LastFailure = failure;
                else
                {
                    _holding = null;
                    lost = true;
                }
            }
        }
        // A renewal that ends after the hold did (released or lost meanwhile) has nothing to report.
        if (current && failure is not null) CoordinationLog.RenewalFailed(Logger, failure, Settings.LeaseName, Settings.OwnerName);
        if (lost) Lose(holding, new LeaseException($"Lease '{Settings.LeaseName}' is no longer held by '{Settings.OwnerName}': another owner took it, or it was released."));
        HeartbeatCompleted?.Invoke(renewed);
    }

    private void Lose(Holding holding, Exception reason)
    {
        holding.End();
        CoordinationLog.Lost(Logger, reason, Settings.LeaseName, Settings.OwnerName);
        try
        {
            holding.Callback(reason);
        }
#pragma warning disable CA1031 // The acquirer's callback must not break the heartbeat; its failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            CoordinationLog.CallbackFailed(Logger, e, Settings.LeaseName, Settings.OwnerName);
        }
        NotifyLost(reason);
    }

    /// <summary>
    /// Runs one store operation within the operation timeout. A timeout is a <see cref="LeaseTimeoutException"/>
    /// (even when the store ignores the token); any other store error a <see cref="LeaseException"/>.
    /// </summary>
    private async Task<bool> RunOperation(string operation, Func<CancellationToken, Task<bool>> run, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(Settings.OperationTimeout, Time);
        using var linked = stopping.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping) : null;
        var token = linked?.Token ?? timeout.Token;
        try
        {
            return await run(token).WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new LeaseTimeoutException(
                $"The {operation} of lease '{Settings.LeaseName}' for '{Settings.OwnerName}' did not finish within {Settings.OperationTimeout} (lease-operation-timeout).", e);
        }
        catch (LeaseException)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the store throws becomes a LeaseException, the lease's one failure type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new LeaseException($"The {operation} of lease '{Settings.LeaseName}' for '{Settings.OwnerName}' failed: {e.Message}", e);
        }
    }

    /// <summary>One acquisition, from acquire to release or loss.</summary>
    private sealed class Holding(HeartbeatLease lease, Action<Exception?> callback, long renewedAt)
    {
        public HeartbeatLease Lease { get; } = lease;

        public Action<Exception?> Callback { get; set; } = callback;

        /// <summary>When the last successful acquire or renewal was sent (timestamp of the lease's clock).</summary>
        public long RenewedAt { get; set; } = renewedAt;

        public bool Renewing { get; set; }

        public LeaseException? LastFailure { get; set; }

        public ITimer? Timer { get; set; }

        /// <summary>Cancelled when the hold ends, to stop a renewal in flight.</summary>
        public CancellationTokenSource Stopping { get; } = new();

        public void End()
        {
            Timer?.Dispose();
            try
            {
                Stopping.Cancel();
            }
            catch (AggregateException)
            {
                // A renewal's cancellation callback failed; the renewal reports its own outcome.
            }
        }
    }
}
