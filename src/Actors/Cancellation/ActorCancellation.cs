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
    /// <c>Cancel(attempt, reason)</c>. Requests are counted per actor and carried out in the order made.
    /// </summary>
    /// <returns>The request's attempt number.</returns>
    internal static int Request(IActorRef actor, CoordinatedShutdown.Reason reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(reason);
        var state = States.GetValue(actor, static _ => new CancellationState());
        var attempt = state.Request(actor, reason);
        if (actor is ActorRefWithCell { Underlying: var underlying })
        {
            CancellationSupport.Get(underlying.System);
            // A cancellable actor learns of the state here, or, if it is being started right now, finds it itself
            // (Attach); the lock taken by Request orders this read after the state was filed.
            if (underlying is ActorCell cell && ActorIncarnation.Running(cell) is ICancellableActor cancellable)
            {
                cancellable.Cancellation = state;
            }
        }
        return attempt;
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
        var state = States.GetValue(self, static _ => new CancellationState());
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
            CancellationSupport.Get(cell.System).Monitor.Tell(new CancellationMonitor.WatchToken(self, state));
        }
        return token;
    }
}
