namespace ActorShutdown.Coordination;

/// <summary>
/// An exclusive, time-limited right held by one owner across processes — for example the right to run a
/// singleton job, or to write to a shared resource. Get one from <see cref="LeaseProvider"/>, which creates the
/// implementation that configuration names and keeps one instance per lease name, configuration path and owner.
/// </summary>
/// <remarks>
/// <para>
/// While held, the owner renews the lease every <see cref="LeaseSettings.HeartbeatInterval"/>; a lease whose
/// owner has not renewed it for <see cref="LeaseSettings.HeartbeatTimeout"/> (a crashed process) expires, and
/// another owner may take it. An owner that cannot renew in time considers the lease lost and is told through
/// the callback it gave to <see cref="Acquire(Action{Exception})"/>.
/// </para>
/// <para>
/// Every operation is bounded by <see cref="LeaseSettings.OperationTimeout"/>; one that takes longer, or whose
/// store fails, throws a <see cref="LeaseException"/> (a <see cref="LeaseTimeoutException"/> for a timeout).
/// </para>
/// <para>
/// Implementations derive from <see cref="HeartbeatLease"/>, which supplies the heartbeat, the timeouts and the
/// loss detection over three store operations, or from this class directly; either way they call
/// <see cref="NotifyLost"/> when they learn the lease was lost, so that what the runtime tied to the lease
/// (<see cref="LeaseShutdownExtensions.ReleaseOnStop"/>) hears of it too. An implementation named by
/// <c>lease-class</c> needs a public constructor taking (<see cref="LeaseSettings"/>, <see cref="ActorSystem"/>)
/// or (<see cref="LeaseSettings"/>).
/// </para>
/// </remarks>
public abstract class Lease
{
    private readonly Lock _observersGate = new();
    private Action<Exception?>[] _lostObservers = [];

    /// <summary>Creates the lease with its settings.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    protected Lease(LeaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The lease's name, owner and timings.</summary>
    public LeaseSettings Settings { get; }

    /// <summary>
    /// Tries to take the lease for <see cref="LeaseSettings.OwnerName"/>: true when it is now held by this owner
    /// (it was free, had expired, or was already this owner's), false when another owner holds it.
    /// </summary>
    /// <exception cref="LeaseException">The store failed, or did not answer within the operation timeout.</exception>
    public virtual Task<bool> Acquire() => Acquire(static _ => { });

    /// <summary>
    /// Tries to take the lease, as <see cref="Acquire()"/>; once taken, <paramref name="leaseLost"/> is called
    /// (on a thread of the runtime, at most once per acquisition) if the lease is lost before it is released:
    /// another owner took it, or no heartbeat succeeded for <see cref="LeaseSettings.HeartbeatTimeout"/>. Its
    /// argument says why, when known.
    /// </summary>
    /// <param name="leaseLost">Told when the lease is lost; exceptions it throws are logged and ignored.</param>
    /// <exception cref="LeaseException">The store failed, or did not answer within the operation timeout.</exception>
    public abstract Task<bool> Acquire(Action<Exception?> leaseLost);

    /// <summary>
    /// Gives the lease up, so another owner may take it at once: true when this owner held it and it is now
    /// free, false when this owner did not hold it (never acquired, already released, or lost).
    /// </summary>
    /// <exception cref="LeaseException">The store failed, or did not answer within the operation timeout; the lease then expires by itself.</exception>
    public abstract Task<bool> Release();

    /// <summary>
    /// Whether this owner holds the lease, as far as it knows without asking the store: acquired, not released,
    /// not lost, and renewed within <see cref="LeaseSettings.HeartbeatTimeout"/>.
    /// </summary>
    public abstract bool CheckLease();

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({Settings.LeaseName}, owner {Settings.OwnerName})";

    /// <summary>
    /// Tells whatever the runtime tied to this lease that it was lost (implementations call it besides the
    /// acquirer's callback). Observers' exceptions are swallowed: each observer handles its own.
    /// </summary>
    /// <param name="reason">Why it was lost, when known.</param>
    protected void NotifyLost(Exception? reason)
    {
        foreach (var observer in Volatile.Read(ref _lostObservers))
        {
            try
            {
                observer(reason);
            }
#pragma warning disable CA1031 // An observer's failure must not stop the others or the heartbeat that found the loss.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Adds an observer of <see cref="NotifyLost"/>; disposing the result removes it.</summary>
    internal IDisposable ObserveLoss(Action<Exception?> observer)
    {
        lock (_observersGate) _lostObservers = [.. _lostObservers, observer];
        return new Unsubscriber(this, observer);
    }

    private sealed class Unsubscriber(Lease lease, Action<Exception?> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (lease._observersGate) lease._lostObservers = [.. lease._lostObservers.Where(o => !ReferenceEquals(o, observer))];
        }
    }
}
