using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// The cancel requests counted for plain actors that have no <see cref="CancellationState"/>: they never read their
/// token, so a request has nothing to trip and needs only its attempt number. Cancelling 100,000 idle actors thus
/// costs one dictionary entry each, where a state costs a <see cref="ConditionalWeakTable{TKey,TValue}"/> entry (a
/// lock and a GC handle), the state and its lock. A state created later takes the count over.
/// </summary>
/// <remarks>
/// Entries are dropped when the state takes them over; those of actors that terminated are pruned whenever the table
/// has grown fourfold, so a long-lived system that cancels single actors does not keep them.
/// </remarks>
internal static class PendingRequests
{
    private static readonly Dictionary<IActorRef, int> Counts = new(ActorRefIdentity.Instance);
    private static int _pruneAt = 1024;

    /// <summary>Orders the counts with the creation of states: a state is created under it.</summary>
    public static Lock Gate { get; } = new();

    /// <summary>
    /// Counts one request for <paramref name="actor"/> and sends it <c>Cancel(attempt, reason)</c>, unless it got a
    /// state meanwhile; then the request goes to that state.
    /// </summary>
    /// <returns>The request's attempt number.</returns>
    public static int Request(IActorRef actor, CoordinatedShutdown.Reason reason, ConditionalWeakTable<IActorRef, CancellationState> states)
    {
        lock (Gate)
        {
            if (!states.TryGetValue(actor, out var state))
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(Counts, actor, out _);
                var attempt = ++count;
                actor.Tell(new Cancel(attempt, reason), ActorRefs.NoSender);   // under the lock: attempts go out in order
                if (Counts.Count >= _pruneAt) Prune();
                return attempt;
            }
            return state.Request(actor, reason);
        }
    }

    /// <summary>The requests counted for <paramref name="actor"/>, handed over to its new state (call under <see cref="Gate"/>).</summary>
    public static int Take(IActorRef actor) => Counts.Remove(actor, out var count) ? count : 0;

    private static void Prune()
    {
        foreach (var actor in Counts.Keys)
        {
            if (ActorTree.IsTerminated(actor)) Counts.Remove(actor);
        }
        _pruneAt = Math.Max(1024, 4 * Counts.Count);
    }
}
