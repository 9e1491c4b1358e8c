namespace ActorShutdown;

/// <summary>
/// Death watch. The subjects it watches (<see cref="RareState.Watching"/>, <see cref="RareState.TerminationQueued"/>) belong to this actor's thread.
/// <see cref="_watchers"/> is changed from any thread (watches are taken on the sender's thread, and
/// <see cref="Detach"/> empties it from the guardian's): it is null, the one watcher, or a set of them under its
/// own lock. Most actors have at most one watcher (the shutdown guardian watches every actor in scope), so the
/// set is created only for a second one.
/// </summary>
internal sealed partial class ActorCell
{
    private object? _watchers;                                   // any thread: null, one IInternalActorRef, or a locked HashSet

    public IActorRef Watch(IActorRef subject) => StartWatching(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StartWatching(subject, message);
    }

    private IActorRef StartWatching(IActorRef subject, object? message)
    {
        var target = ActorSystem.Resolve(subject);
        if (ReferenceEquals(target, this)) return subject;
        var watching = Rare.Watching ??= [];
        var isNew = !watching.ContainsKey(target);
        watching[target] = message;
        if (isNew) target.SendSystemMessage(new Watch(this));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = ActorSystem.Resolve(subject);
        if (_rare?.Watching?.Remove(target) == true) target.SendSystemMessage(new Unwatch(this));
        _rare?.TerminationQueued?.Remove(target);
        return subject;
    }

    /// <summary>
    /// Registers a watcher from any thread without a system message (the guardian watches 100,000 actors this
    /// way). False when the actor has already terminated, in which case no notice will come.
    /// </summary>
    internal bool TryAddWatcher(IInternalActorRef watcher)
    {
        AddWatcher(watcher);
        // _state/_detached are written before the notices are taken, so a watcher added too late sees them here.
        return !IsTerminated;
    }

    /// <summary>
    /// Takes <see cref="Watch"/> and <see cref="Unwatch"/> at once, on the sender's thread, rather than through the
    /// mailbox: an actor blocked on its thread never reads its system messages, and when the guardian abandons it,
    /// every actor that asked to watch it must still be told it terminated.
    /// </summary>
    private bool TryTakeWatchMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                if (!TryAddWatcher(watch.Watcher)) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
                return true;
            case Unwatch unwatch:
                RemoveWatcher(unwatch.Watcher);
                return true;
            default:
                return false;
        }
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        var canonical = watcher.Canonical;
        if (ReferenceEquals(canonical, this)) return;
        while (true)
        {
            var current = Volatile.Read(ref _watchers);
            if (current is HashSet<IInternalActorRef> set)
            {
                // Once a set, always the set (until taken), so adding under its lock cannot race with a swap.
                lock (set) set.Add(canonical);
                return;
            }
            if (ReferenceEquals(current, canonical)) return;
            object replacement = current is null ? canonical : new HashSet<IInternalActorRef> { (IInternalActorRef)current, canonical };
            if (ReferenceEquals(Interlocked.CompareExchange(ref _watchers, replacement, current), current)) return;
        }
    }

    private void RemoveWatcher(IInternalActorRef watcher)
    {
        var canonical = watcher.Canonical;
        while (true)
        {
            var current = Volatile.Read(ref _watchers);
            if (current is HashSet<IInternalActorRef> set)
            {
                lock (set) set.Remove(canonical);
                return;
            }
            if (!ReferenceEquals(current, canonical) || ReferenceEquals(Interlocked.CompareExchange(ref _watchers, null, current), current)) return;
        }
    }

    /// <summary>
    /// Sends every watcher its notice, once: the watchers are taken in one exchange. A watcher added after that
    /// finds the actor terminated (see <see cref="TryAddWatcher"/>) and is told by whoever added it.
    /// </summary>
    private void NotifyWatchers()
    {
        switch (Interlocked.Exchange(ref _watchers, null))
        {
            case null:
                return;
            case HashSet<IInternalActorRef> set:
                IInternalActorRef[] all;
                lock (set) all = [.. set];
                foreach (var watcher in all) watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
                return;
            case var one:
                ((IInternalActorRef)one).SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
                return;
        }
    }

    /// <summary>Tells the actors this one watched that it no longer does, so they do not keep a dead watcher.</summary>
    private void UnwatchAll()
    {
        if (_rare?.Watching is not { } watching) return;
        foreach (var subject in watching.Keys) subject.SendSystemMessage(new Unwatch(this));
        _rare.Watching = null;
        _rare.TerminationQueued = null;
    }

    private void OnDeathWatchNotification(DeathWatchNotification notification)
    {
        var subject = notification.Actor.Canonical;
        if (subject is ActorCell cell && ReferenceEquals(cell._parent, this)) OnChildTerminated(cell);
        if (_actor is ITerminationListener listener)
        {
            listener.OnTerminated(subject);
            return;
        }
        if (_state != Running || _rare?.Watching is not { } watching || !watching.Remove(subject, out var custom)) return;
        // Queued as an ordinary message, so it arrives after what the subject sent before it died.
        (_rare.TerminationQueued ??= []).Add(subject);
        var message = custom ?? new Terminated(subject, notification.ExistenceConfirmed, AddressTerminated: false);
        EnqueueMessage(new Envelope(new WatchedTerminated(subject, message), subject));
    }

    /// <summary>True if the notice is still wanted (no <c>Unwatch</c> since it was queued).</summary>
    private bool TakeQueuedTermination(IInternalActorRef subject) => _rare?.TerminationQueued?.Remove(subject) == true;

    /// <summary>A termination notice in the mailbox; unwrapped to <see cref="Message"/> if still wanted.</summary>
    private sealed class WatchedTerminated(IInternalActorRef subject, object message)
    {
        public IInternalActorRef Subject { get; } = subject;
        public object Message { get; } = message;
    }
}
