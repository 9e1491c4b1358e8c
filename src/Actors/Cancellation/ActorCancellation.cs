using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// <c>Context.CancellationToken</c> for every Akka actor, and the cancel requests that trip it.
/// </summary>
public static class ActorCancellation
{
    // SKELETON: the cancellation work replaces this with the full model (DESIGN §2).
    private static readonly ConditionalWeakTable<object, Counter> Requests = new();

    extension(IActorContext context)
    {
        /// <summary>
        /// The actor's cancellation token: tripped by a cancel request for the actor (out of band, even while it
        /// awaits) and when it stops. Fresh when the actor starts handling a <see cref="Cancel"/>.
        /// </summary>
        public CancellationToken CancellationToken => context is null ? CancellationToken.None : CancellationToken.None;
    }

    /// <summary>
    /// Makes one cancel request for <paramref name="actor"/>: trips its token at once and sends it
    /// <c>Cancel(attempt, reason)</c>. Requests are counted per actor and carried out in the order made.
    /// </summary>
    /// <returns>The request's attempt number.</returns>
    internal static int Request(IActorRef actor, CoordinatedShutdown.Reason reason)
    {
        var counter = Requests.GetValue(actor is ActorRefWithCell withCell ? withCell.Underlying : actor, _ => new Counter());
        lock (counter)
        {
            var attempt = ++counter.Value;
            actor.Tell(new Cancel(attempt, reason), ActorRefs.NoSender);
            return attempt;
        }
    }

    /// <summary>Starts what the model needs in <paramref name="system"/> (idempotent).</summary>
    internal static void Install(ExtendedActorSystem system) => ArgumentNullException.ThrowIfNull(system);

    private sealed class Counter
    {
        public int Value;
    }
}
