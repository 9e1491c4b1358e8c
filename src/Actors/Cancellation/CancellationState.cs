using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Akka.Dispatch;

namespace ActorShutdown;

/// <summary>
/// One actor's cancellation state, across its incarnations: the requests made for it, the attempt whose
/// <see cref="Cancel"/> it handles, and the token source it reads now.
/// </summary>
/// <remarks>
/// Requests come from any thread; everything else runs on the actor's thread. The lock orders requests with each
/// other and with the token being replaced, so a request can never trip a source that was already replaced, nor miss
/// the one that replaces it.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification =
    "A source without a timer holds nothing to release; disposing one whose token an actor's work may still observe "
    + "would only turn that into ObjectDisposedException.")]
internal sealed class CancellationState
{
    private readonly Lock _gate = new();
    private int _requests;
    private int _handled;
    private bool _stopped;
    private CancellationTokenSource? _source;
    private ActorBase? _incarnation;
    private List<Envelope>? _deferred;

    /// <summary>
    /// A state for <paramref name="actor"/>, for which <paramref name="requests"/> requests were made while it had none.
    /// </summary>
    public CancellationState(IActorRef actor, int requests)
    {
        Actor = actor;
        _requests = requests;
    }

    /// <summary>The actor whose state this is.</summary>
    public IActorRef Actor { get; }

    /// <summary>Its neighbours in <see cref="LiveStates"/>' list (under <see cref="PendingRequests.Gate"/>).</summary>
    internal CancellationState? Previous { get; set; }

    /// <inheritdoc cref="Previous" />
    internal CancellationState? Next { get; set; }

    /// <summary>Whether the token watcher already watches the actor, to trip its token when it stops.</summary>
    public bool Watched { get; set; }

    /// <summary>
    /// A request was made whose <see cref="Cancel"/> the actor has not started handling yet.
    /// </summary>
    public bool Pending => Volatile.Read(ref _requests) > _handled;

    /// <summary>The token the actor reads now was tripped: an <see cref="OperationCanceledException"/> is ours.</summary>
    public bool Tripped => Volatile.Read(ref _source) is { IsCancellationRequested: true };

    /// <summary>
    /// Makes one request: trips the current token and sends <c>Cancel(attempt, reason)</c>, both under the lock so
    /// attempts reach the actor in the order they were counted.
    /// </summary>
    public int Request(IActorRef actor, CoordinatedShutdown.Reason reason)
    {
        lock (_gate)
        {
            var attempt = ++_requests;
            TokenTrips.Trip(_source);
            actor.Tell(new Cancel(attempt, reason), ActorRefs.NoSender);
            return attempt;
        }
    }

    /// <summary>The token for the actor's current incarnation and message (DESIGN §2).</summary>
    /// <param name="cell">The actor's cell.</param>
    /// <param name="running">The instance running in it; null while one is being constructed.</param>
    public CancellationToken Token(ActorCell cell, ActorBase? running)
    {
        lock (_gate)
        {
            if (cell.CurrentMessage is Cancel cancel)
            {
                BeginHandlingLocked(cancel.Attempt);
            }
            // A token read in a constructor belongs to the instance being built: adopt it once it runs.
            if (_source is not null && _incarnation is not null && !ReferenceEquals(_incarnation, running))
            {
                TokenTrips.Trip(_source);
                _source = null;
            }
            if (_source is null)
            {
                _source = new CancellationTokenSource();
                _incarnation = running;
                if (_stopped || _requests > _handled)
                {
                    TokenTrips.Trip(_source);
                }
            }
            _incarnation ??= running;
            return _source.Token;
        }
    }

    /// <summary>The actor starts handling <paramref name="attempt"/>: the next token read is a fresh one.</summary>
    public void BeginHandling(int attempt)
    {
        lock (_gate)
        {
            BeginHandlingLocked(attempt);
        }
    }

    /// <summary>The incarnation is being replaced by a restart: its token is tripped at once.</summary>
    public void Restarting()
    {
        lock (_gate)
        {
            TokenTrips.Trip(_source);
            _source = null;
        }
    }

    /// <summary>The actor stopped: its token is tripped, and so is any read later (in <c>PostStop</c>).</summary>
    public void Stopped()
    {
        lock (_gate)
        {
            _stopped = true;
            TokenTrips.Trip(_source);
        }
        LiveStates.Remove(this);
    }

    /// <summary>The source of the token the actor reads now, if it is not tripped yet: for a trip of many at once.</summary>
    public CancellationTokenSource? UntrippedSource()
    {
        lock (_gate)
        {
            return _source is { IsCancellationRequested: false } source ? source : null;
        }
    }

    /// <summary>
    /// Keeps an ordinary message back while a request is pending, so the <see cref="Cancel"/> behind it is handled
    /// first. Actor thread only.
    /// </summary>
    /// <returns>Whether the message was deferred.</returns>
    public bool Defer(object message, IActorRef sender)
    {
        if (!Pending)
        {
            return false;
        }
        (_deferred ??= []).Add(new Envelope(message, sender));
        return true;
    }

    /// <summary>
    /// Puts the deferred messages back at the front of the mailbox in their order, as Akka's stash does. Actor thread
    /// only; the actor's mailbox is deque-based (<see cref="IRequiresMessageQueue{T}"/>).
    /// </summary>
    public void Undefer(IActorContext context)
    {
        if (_deferred is not { Count: > 0 } deferred)
        {
            return;
        }
        var queue = (IDequeBasedMessageQueueSemantics)((ActorCell)context).Mailbox!.MessageQueue;
        for (var i = deferred.Count - 1; i >= 0; i--)
        {
            queue.EnqueueFirst(deferred[i]);
        }
        deferred.Clear();
    }

    private void BeginHandlingLocked(int attempt)
    {
        // A Cancel nobody requested (sent by hand, or a stale attempt) does not move the count.
        if (attempt > _handled && attempt <= _requests)
        {
            _handled = attempt;
            _source = null;
        }
    }
}
