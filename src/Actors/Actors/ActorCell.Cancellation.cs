namespace ActorShutdown;

/// <summary>
/// The cancellation model: a cancel request trips the actor's token out of band and delivers <see cref="Cancel"/>
/// ahead of the queued ordinary messages; a fresh token is in place while the actor handles it.
/// </summary>
/// <remarks>
/// <see cref="_tokenSource"/> is null (no token handed out yet), a <see cref="CancellationTokenSource"/>, or
/// <see cref="Tripped"/>. Requesters only ever swap in <see cref="Tripped"/> (and cancel what they took, with
/// <c>CancelAsync</c> so callbacks never run on their thread); only the actor's thread creates a source or
/// clears the field. Order matters: a requester publishes the <see cref="Cancel"/> and then trips; the actor
/// clears the token and then takes the <see cref="Cancel"/>. So a request racing with delivery either coalesces
/// into the Cancel being delivered or trips the fresh token — it is never lost.
/// </remarks>
internal sealed partial class ActorCell
{
    private static readonly object Tripped = new();

    private object? _tokenSource;   // any thread
    private Cancel? _pendingCancel; // any thread
    private int _cancelAttempts;    // any thread

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

    public void RequestCancel(ShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (IsStopping) return;
        var attempt = Interlocked.Increment(ref _cancelAttempts);
        var cancel = new Cancel(attempt, reason);
        var seen = Volatile.Read(ref _pendingCancel);
        while (seen is null || seen.Attempt < attempt)
        {
            var previous = Interlocked.CompareExchange(ref _pendingCancel, cancel, seen);
            if (ReferenceEquals(previous, seen)) break;
            seen = previous;
        }
        TripToken();
        Schedule();
    }

    protected override bool HasPriorityMessage => Volatile.Read(ref _pendingCancel) is not null;

    protected override void InvokePriority()
    {
        if (_state != Running || IsTerminated)
        {
            Volatile.Write(ref _pendingCancel, null);   // an actor that is stopping ignores cancel requests
            return;
        }
        Interlocked.Exchange(ref _tokenSource, null);
        var cancel = Interlocked.Exchange(ref _pendingCancel, null)!;
        Invoke(new Envelope(cancel, null));
    }
}
