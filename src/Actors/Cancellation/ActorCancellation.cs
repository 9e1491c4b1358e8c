using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// <c>Context.CancellationToken</c> for every Akka actor, and the cancel requests that trip it.
/// </summary>
public static class ActorCancellation
{
    // Keyed by the actor's Self, not its cell: a top-level actor's ref points at a placeholder cell until its parent
    // has started it, so a request made in that moment would be filed under a cell the actor never reads from.
    // Local refs are unique per actor (children, Sender, Terminated and path lookups all hand out the same object).
    private static readonly ConditionalWeakTable<IActorRef, CancellationState> States = new();

    extension(IActorContext context)
    {
        /// <summary>
        /// The actor's cancellation token: tripped by a cancel request for the actor (out of band, even while it
        /// awaits) and when it stops. Fresh when the actor starts handling a <see cref="Cancel"/>, and for each
        /// incarnation: a restarted actor gets an untripped token unless a request is still pending.
        /// </summary>
        /// <remarks>
        /// Reading it is not free (a table lookup and a lock): read it once per handler. A plain actor that handles
        /// <see cref="Cancel"/> and resists gets an untripped token again once it has read the token while handling
        /// that <see cref="Cancel"/>; the cancellable bases mark the <see cref="Cancel"/> handled themselves.
        /// </remarks>
        public CancellationToken CancellationToken => TokenOf(context);
    }

    /// <summary>
    /// Makes one cancel request for <paramref name="actor"/>: trips its token at once and sends it
    /// <c>Cancel(attempt, reason)</c>. Requests are counted per actor and carried out in the order made. The caller
    /// has called <see cref="Install"/> for the actor's system (the guardian does when it loads).
    /// </summary>
    /// <returns>The request's attempt number.</returns>
    internal static int Request(IActorRef actor, CoordinatedShutdown.Reason reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(reason);
        if (!States.TryGetValue(actor, out var state))
        {
            if (StartedPlain(actor)) return PendingRequests.Request(actor, reason, States);
            state = StateOf(actor);
        }
        var attempt = state.Request(actor, reason);
        // A cancellable actor learns of the state here, or, if it is being started right now, finds it itself
        // (Attach); the lock taken by Request orders this read after the state was filed.
        if (actor is ActorRefWithCell { Underlying: ActorCell cell } && ActorIncarnation.Running(cell) is ICancellableActor cancellable)
        {
            cancellable.Cancellation = state;
        }
        return attempt;
    }

    /// <summary>
    /// The actor's state, created if it has none yet: seeded with the requests made for it before (counted by
    /// <see cref="PendingRequests"/> while it had no state), so a token it reads while one is pending is tripped.
    /// </summary>
    private static CancellationState StateOf(IActorRef actor)
    {
        if (States.TryGetValue(actor, out var state)) return state;
        lock (PendingRequests.Gate)
        {
            if (!States.TryGetValue(actor, out state))
            {
                state = new CancellationState(actor, PendingRequests.Take(actor));
                States.Add(actor, state);
                LiveStates.Add(state);
            }
            return state;
        }
    }

    /// <summary>
    /// Whether the actor is a started plain (not cancellable) actor: a request for one that has no state needs none,
    /// only its count. A cancellable actor needs its state at once, to keep its ordinary messages behind the
    /// <see cref="Cancel"/>; so does one not started yet. Judged by its props, which its siblings share, rather than
    /// by its instance: reading 100,000 instances for this was a fifth of a large scope's time.
    /// </summary>
    private static bool StartedPlain(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: ActorCell cell } && !typeof(ICancellableActor).IsAssignableFrom(cell.Props.Type);

    /// <summary>A watched plain actor stopped: its token is tripped (<see cref="CancellationSupport.TokenWatcher"/>).</summary>
    internal static void Stopped(IActorRef actor)
    {
        if (States.TryGetValue(actor, out var state)) state.Stopped();
    }

    /// <summary>
    /// Starts what the model needs in <paramref name="system"/>: the system actor that stops an actor leaving a
    /// <see cref="Cancel"/> unhandled and trips the tokens of plain actors that stop. Idempotent.
    /// </summary>
    internal static void Install(ExtendedActorSystem system) => CancellationSupport.Get(system);

    /// <summary>
    /// The state a cancellable actor's new incarnation picks up when it starts, if a token was read or a request made
    /// before. Pairs with <see cref="Request"/>: whichever of the two comes second sees the other.
    /// </summary>
    internal static CancellationState? Attach(IActorRef self)
    {
        Interlocked.MemoryBarrier();
        return States.TryGetValue(self, out var state) ? state : null;
    }

    private static CancellationToken TokenOf(IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context is not ActorCell cell)
        {
            return CancellationToken.None;
        }
        var self = cell.Self;
        var state = StateOf(self);
        var running = ActorIncarnation.Running(cell);
        var token = state.Token(cell, running);
        if (running is ICancellableActor cancellable)
        {
            // Its AroundPostStop trips the token at once; no watch needed.
            cancellable.Cancellation = state;
        }
        else if (!state.Watched)
        {
            state.Watched = true;
            CancellationSupport.Get(cell.System).TokenWatcher.Watch(self);
        }
        return token;
    }
}
