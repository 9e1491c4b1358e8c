using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Every actor's <see cref="CancellationState"/> until the actor stops: so that a shutdown can trip the tokens in its
/// scope in one pass before it has walked the tree (the walk of 100,000 actors takes most of a second). A list linked
/// through the states themselves, under <see cref="PendingRequests.Gate"/>: adding and removing allocate nothing.
/// </summary>
/// <remarks>
/// A state leaves when its actor stops (the cancellable bases and the token watcher say so); one whose actor stopped
/// without that (a state made by a request while a plain actor was restarting, say) is pruned whenever the list has
/// grown fourfold.
/// </remarks>
internal static class LiveStates
{
    private static CancellationState? _newest;
    private static int _count;
    private static int _pruneAt = 1024;

    /// <summary>Adds a new state (call under <see cref="PendingRequests.Gate"/>).</summary>
    public static void Add(CancellationState state)
    {
        state.Next = _newest;
        if (_newest is not null) _newest.Previous = state;
        _newest = state;
        if (++_count < _pruneAt) return;
        for (var s = _newest; s is not null;)
        {
            var next = s.Next;
            if (ActorTree.IsTerminated(s.Actor)) Unlink(s);
            s = next;
        }
        _pruneAt = Math.Max(1024, 4 * _count);
    }

    /// <summary>Removes a state whose actor stopped; idempotent.</summary>
    public static void Remove(CancellationState state)
    {
        lock (PendingRequests.Gate)
        {
            Unlink(state);
        }
    }

    /// <summary>
    /// The states of <paramref name="system"/>'s actors, as a snapshot: one system's shutdown neither waits for nor
    /// trips another's.
    /// </summary>
    public static List<CancellationState> Of(ActorSystem system)
    {
        lock (PendingRequests.Gate)
        {
            var states = new List<CancellationState>();
            for (var state = _newest; state is not null; state = state.Next)
            {
                if (ActorTree.SystemOf(state.Actor) == system) states.Add(state);
            }
            return states;
        }
    }

    private static void Unlink(CancellationState state)
    {
        if (state.Previous is null && !ReferenceEquals(_newest, state)) return;   // not in the list (any more)
        if (state.Previous is null) _newest = state.Next;
        else state.Previous.Next = state.Next;
        if (state.Next is not null) state.Next.Previous = state.Previous;
        state.Previous = state.Next = null;
        _count--;
    }
}
