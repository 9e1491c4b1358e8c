namespace ActorShutdown;

/// <summary>
/// Abandonment: the guardian's last resort for an actor that stays alive after escalation (for example one
/// blocked on its thread). The actor is detached from the hierarchy at once — its parent and watchers are told
/// it terminated, new messages go to dead letters — while a handler still running is left to finish on its
/// own; after it returns, the mailbox only dead-letters what is left.
/// </summary>
internal sealed partial class ActorCell
{
    private volatile int _detached;   // any thread

    /// <summary>True once the actor was abandoned (any thread).</summary>
    internal bool IsDetached => _detached != 0;

    /// <summary>True when this call detached the actor; false when it had already terminated or been detached.</summary>
    internal bool Detach()
    {
        if (_state == Terminated || Interlocked.Exchange(ref _detached, 1) != 0) return false;
        TripToken();
        NotifyTerminated();
        Schedule();
        return true;
    }
}
