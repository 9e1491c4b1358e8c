using Akka.Actor;
using Akka.Coordination;
using Akka.Event;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease kept in a store (a file, a database table, memory) and kept alive by heartbeats: implementations supply
/// three atomic store operations — take, renew, give up — and this class supplies the rest: the operation timeout,
/// the heartbeat, and the detection and report of a lost lease.
/// </summary>
/// <remarks>
/// <para>
/// Each store operation writes the expiry itself, as the store's current time plus <c>heartbeat-timeout</c>, so the
/// store alone decides whether a lease has expired. The holder counts its own deadline from the moment it sent its
/// last successful acquire or renewal — never later than the store's, so a holder always believes it has lost the
/// lease before another owner can take it.
/// </para>
/// <para>
/// While held, a renewal goes out every <c>heartbeat-interval</c> (one at a time). The lease is lost, and the
/// acquirer's callback told, when a renewal finds the lease no longer this owner's, or when a heartbeat finds that
/// no renewal has succeeded for <c>heartbeat-timeout</c> (the store failing or unreachable). Heartbeats, deadlines
/// and operation timeouts run on the actor system's scheduler and its clock (<c>Scheduler.Now</c>), so they
/// are virtual under Akka.TestKit's <c>TestScheduler</c>.
/// </para>
/// </remarks>
public abstract class HeartbeatLease : Lease
{
    private readonly Lock _gate = new();
    private Holding? _holding;   // guarded by _gate

    /// <summary>Creates the lease.</summary>
    /// <param name="settings">Name, owner, timings and the lease's configuration section.</param>
    /// <param name="system">The actor system whose scheduler runs the heartbeat and whose log is used.</param>
    protected HeartbeatLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Log = Logging.GetLogger(system, GetType());
    }

    /// <summary>The actor system of the lease.</summary>
    protected ExtendedActorSystem System { get; }

    /// <summary>The lease's log.</summary>
    protected ILoggingAdapter Log { get; }

    /// <summary>The lease's clock: the scheduler's, virtual under a test scheduler.</summary>
    protected DateTimeOffset Now => System.Scheduler.Now;

    /// <summary>Told after each heartbeat's renewal attempt, true when it renewed: for tests that step a virtual clock.</summary>
    internal event Action<bool>? HeartbeatCompleted;

    /// <summary>
    /// Takes the lease in the store, atomically, when it is free, expired, or already this owner's, setting its
    /// expiry to the store's time plus <c>heartbeat-timeout</c>. True when taken.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes.</param>
    protected abstract Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease's expiry, atomically, only when the store still records this owner as its holder. False
    /// when it does not: the lease was taken over or released.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes, or when the hold ends meanwhile.</param>
    protected abstract Task<bool> TryRenewAsync(CancellationToken cancellationToken);

    /// <summary>Frees the lease, atomically, only when the store records this owner as its holder. True when freed.</summary>
    /// <param name="cancellationToken">Cancelled when the operation timeout passes.</param>
    protected abstract Task<bool> TryReleaseAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public sealed override Task<bool> Acquire() => Acquire(static _ => { });

    /// <inheritdoc />
    /// <exception cref="LeaseTimeoutException">The store did not answer within <c>lease-operation-timeout</c>.</exception>
    /// <exception cref="LeaseException">The store failed.</exception>
    public sealed override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        ArgumentNullException.ThrowIfNull(leaseLostCallback);
        var sentAt = Now;
        var acquired = await RunOperation("acquire", TryAcquireAsync, CancellationToken.None).ConfigureAwait(false);
        Holding? lost = null;
        lock (_gate)
        {
            if (acquired && _holding is { } held)
            {
                held.RenewedAt = Max(held.RenewedAt, sentAt);
                held.Callback = leaseLostCallback;
            }
            else if (acquired)
            {
                _holding = new Holding(leaseLostCallback, sentAt);
                ScheduleHeartbeat(_holding);
            }
            else
            {
                // The store says another owner holds it: whatever this owner believed it held is gone.
                lost = _holding;
                _holding = null;
            }
        }
        if (acquired) Log.Debug("Lease {0} acquired by {1}", Settings.LeaseName, Settings.OwnerName);
        if (lost is not null) Lose(lost, new LeaseException($"Lease '{Settings.LeaseName}' is held by another owner; '{Settings.OwnerName}' lost it."));
        return acquired;
    }

    /// <inheritdoc />
    /// <returns>True when this owner held the lease in the store and freed it; false when it did not hold it.</returns>
    /// <exception cref="LeaseTimeoutException">The store did not answer within <c>lease-operation-timeout</c>; the lease expires by itself.</exception>
    /// <exception cref="LeaseException">The store failed; the lease expires by itself.</exception>
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
        Log.Debug("Lease {0} released by {1} (held: {2})", Settings.LeaseName, Settings.OwnerName, released);
        return released;
    }

    /// <inheritdoc />
    public sealed override bool CheckLease()
    {
        lock (_gate) return _holding is { } held && Now - held.RenewedAt < Settings.TimeoutSettings.HeartbeatTimeout;
    }

    /// <summary>
    /// Ends this owner's hold because the implementation learned it was lost: the heartbeat stops, the acquirer's
    /// callback is told and <see cref="CheckLease"/> turns false. Does nothing when the lease is not held.
    /// </summary>
    /// <param name="reason">Why.</param>
    protected void ReportLost(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Holding? held;
        lock (_gate)
        {
            held = _holding;
            _holding = null;
        }
        if (held is not null) Lose(held, reason);
    }

    private void ScheduleHeartbeat(Holding holding) =>
        // One beat at a time, each scheduling the next: nothing repeats once the hold has ended (a test scheduler
        // ignores cancellation, so a repeating timer would tick on there).
        System.Scheduler.Advanced.ScheduleOnce(Settings.TimeoutSettings.HeartbeatInterval, () => OnHeartbeat(holding));

    private void OnHeartbeat(Holding holding)
    {
        Exception? expired = null;
        lock (_gate)
        {
            if (!ReferenceEquals(_holding, holding)) return;
            var sinceRenewal = Now - holding.RenewedAt;
            var timeout = Settings.TimeoutSettings.HeartbeatTimeout;
            if (sinceRenewal >= timeout)
            {
                _holding = null;
                var last = holding.LastFailure is { } failure ? $"; the last failure: {failure.Message}" : "";
                expired = new LeaseException(
                    $"Lease '{Settings.LeaseName}' of '{Settings.OwnerName}' expired: no renewal succeeded for {sinceRenewal} (heartbeat-timeout {timeout}){last}",
                    holding.LastFailure);
            }
            else
            {
                ScheduleHeartbeat(holding);
                if (holding.Renewing) return;
                holding.Renewing = true;
            }
        }
        if (expired is not null) Lose(holding, expired);
        else _ = RenewAsync(holding);
    }

    private async Task RenewAsync(Holding holding)
    {
        var sentAt = Now;
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
                if (renewed) holding.RenewedAt = Max(holding.RenewedAt, sentAt);
                else if (failure is not null) holding.LastFailure = failure;
                else
                {
                    _holding = null;
                    lost = true;
                }
            }
        }
        // A renewal that ends after the hold did (released or lost meanwhile) has nothing to report.
        if (current && failure is not null)
            Log.Warning(failure, "Lease {0}: the renewal by {1} failed; retrying at the next heartbeat", Settings.LeaseName, Settings.OwnerName);
        if (lost) Lose(holding, new LeaseException($"Lease '{Settings.LeaseName}' is no longer held by '{Settings.OwnerName}': another owner took it, or it was released."));
        HeartbeatCompleted?.Invoke(renewed);
    }

    private void Lose(Holding holding, Exception reason)
    {
        holding.End();
        Log.Warning(reason, "Lease {0} lost by {1}", Settings.LeaseName, Settings.OwnerName);
        try
        {
            holding.Callback(reason);
        }
#pragma warning disable CA1031 // The acquirer's callback must not break the heartbeat; its failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.Error(e, "Lease {0}: the lease-lost callback of {1} threw", Settings.LeaseName, Settings.OwnerName);
        }
    }

    /// <summary>
    /// Runs one store operation within <c>lease-operation-timeout</c> (on the scheduler). A timeout is a
    /// <see cref="LeaseTimeoutException"/>, even when the store ignores the token; any other store error a
    /// <see cref="LeaseException"/>.
    /// </summary>
    private async Task<bool> RunOperation(string operation, Func<CancellationToken, Task<bool>> run, CancellationToken stopping)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var timedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = Settings.TimeoutSettings.OperationTimeout;
        System.Scheduler.Advanced.ScheduleOnce(timeout, () => timedOut.TrySetResult());
        var work = Task.Run(() => run(cancel.Token), CancellationToken.None);
        if (await Task.WhenAny(work, timedOut.Task).ConfigureAwait(false) != work)
        {
            // The caller gets its answer now; the store operation is cancelled, and its source disposed once it
            // has ended, in the background (a store's cancellation may itself take a while).
            _ = AbandonAsync(work, cancel);
            throw new LeaseTimeoutException(
                $"The {operation} of lease '{Settings.LeaseName}' for '{Settings.OwnerName}' did not finish within {timeout} (lease-operation-timeout).");
        }
        cancel.Dispose();
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
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

    private static async Task AbandonAsync(Task work, CancellationTokenSource cancel)
    {
        using (cancel)
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            await work.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One acquisition, from acquire to release or loss.</summary>
    private sealed class Holding(Action<Exception> callback, DateTimeOffset renewedAt)
    {
        public Action<Exception> Callback { get; set; } = callback;

        /// <summary>When the last successful acquire or renewal was sent, on the lease's clock.</summary>
        public DateTimeOffset RenewedAt { get; set; } = renewedAt;

        public bool Renewing { get; set; }

        public LeaseException? LastFailure { get; set; }

        /// <summary>Cancelled when the hold ends, to stop a renewal in flight.</summary>
        public CancellationTokenSource Stopping { get; } = new();

        public void End()
        {
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
