namespace ActorShutdown;

/// <summary>
/// The cancellation model: a cancel request trips the actor's token out of band and delivers <see cref="Cancel"/>
/// ahead of the queued ordinary messages; a fresh token is in place while the actor handles it.
/// </summary>
/// <remarks>
/// <see cref="_tokenSource"/> is null (no token handed out yet), a <see cref="CancellationTokenSource"/>, or
/// <see cref="Tripped"/>. Requesters only ever swap in <see cref="Tripped"/> (and cancel what they took, with
/// <c>CancelAsync</c> so callbacks never run on their thread); only the actor's thread creates a source or
/// clears the field. A request publishes its <see cref="Cancel"/> and trips the token as one step, and the actor
/// takes the <see cref="Cancel"/> and clears the token as one step (both under <see cref="_cancelGate"/>), so a
/// request either coalesces into the Cancel about to be delivered (its trip hit the old token) or comes after it
/// (its trip hits the fresh token and its Cancel is delivered next). Without that, the actor could take a
/// request's Cancel between its publish and its trip, and the request would trip the fresh token of the very
/// Cancel it delivered, cutting that Cancel's cleanup short.
/// </remarks>
internal sealed partial class ActorCell
{
    private static readonly object Tripped = new();

    private object? _tokenSource;   // any thread
    private Cancel? _pendingCancel; // any thread; written under _cancelGate
    private int _cancelAttempts;    // any thread; written under _cancelGate

    // A spin lock, not a monitor: the sections it guards are a few field writes, it costs no allocation per actor
    // (a shutdown takes it for every actor in scope), and contention (the guardian and the actor at the same
    // instant) is rare and brief. Never readonly: it is a mutable struct.
    private SpinLock _cancelGate = new(enableThreadOwnerTracking: false);

    /// <summary>How many cancel requests the actor has had.</summary>
    internal int CancelAttempts => Volatile.Read(ref _cancelAttempts);

    public CancellationToken CancellationToken
    {
        get
        {
            while (true)
            {
                var current = Volatile.Read(ref _tokenSource);
                if (ReferenceEquals(current, Tripped)) return new CancellationToken(canceled: true);
                if (current is CancellationTokenSource source) return source.Token;
                var created = new CancellationTokenSource();
                if (Interlocked.CompareExchange(ref _tokenSource, created, null) is null) return created.Token;
                created.Dispose();
            }
        }
    }

    private bool IsTokenTripped => Volatile.Read(ref _tokenSource) switch
    {
        CancellationTokenSource source => source.IsCancellationRequested,
        var other => ReferenceEquals(other, Tripped),
    };

    private void TripToken()
    {
        if (Interlocked.Exchange(ref _tokenSource, Tripped) is CancellationTokenSource source) _ = source.CancelAsync();
    }

    public void RequestCancel(ShutdownReason reason) => RequestCancel(reason, null);

    /// <summary>A cancel request whose <see cref="Cancel"/> may come from <paramref name="shared"/>.</summary>
    /// <param name="reason">Why the actor is cancelled.</param>
    /// <param name="shared">
    /// Cancel messages for <paramref name="reason"/> by attempt (index attempt − 1): the guardian shares them among
    /// every actor it cancels (a Cancel is immutable), instead of allocating one per actor per attempt.
    /// </param>
    internal void RequestCancel(ShutdownReason reason, Cancel[]? shared)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (IsStopping) return;
        object? taken = null;
        var locked = false;
        try
        {
            _cancelGate.Enter(ref locked);
            if (IsStopping) return;
            var attempt = _cancelAttempts + 1;
            Volatile.Write(ref _cancelAttempts, attempt);
            var cancel = shared is not null && attempt <= shared.Length ? shared[attempt - 1] : new Cancel(attempt, reason);
            Volatile.Write(ref _pendingCancel, cancel);   // the latest request wins: coalescing
            taken = Interlocked.Exchange(ref _tokenSource, Tripped);
        }
        finally
        {
            if (locked) _cancelGate.Exit();
        }
        if (taken is CancellationTokenSource source) _ = source.CancelAsync();
        Schedule();
    }

    protected override bool HasPriorityMessage => Volatile.Read(ref _pendingCancel) is not null;

    protected override void InvokePriority()
    {
        Cancel? cancel;
        var locked = false;
        try
        {
            _cancelGate.Enter(ref locked);
            cancel = Interlocked.Exchange(ref _pendingCancel, null);
            // An actor that is stopping ignores cancel requests.
            if (cancel is null || _state != Running || IsStopping) return;
            Interlocked.Exchange(ref _tokenSource, null);   // the handler gets a fresh token
        }
        finally
        {
            if (locked) _cancelGate.Exit();
        }
        Handle(cancel, null);
    }
}
