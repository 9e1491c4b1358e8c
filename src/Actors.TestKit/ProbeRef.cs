namespace ActorShutdown.TestKit;

/// <summary>
/// The ref behind a <see cref="TestProbe"/>. It is not an actor: what it is told, and the <see cref="Terminated"/>
/// of what it watches, go straight into the probe's queue on the sender's (or the dying actor's) thread. So nothing
/// sent to a probe can be lost in a mailbox when the system stops, a watch is in place when <see cref="Watch"/>
/// returns, and a Terminated comes after every message its actor sent the probe before dying.
/// </summary>
internal sealed class ProbeRef : IInternalActorRef
{
    private readonly ProbeQueue _queue;
    private readonly Lock _gate = new();
    private readonly HashSet<IInternalActorRef> _watching = [];   // under _gate
    private readonly HashSet<IInternalActorRef> _watchers = [];   // under _gate
    private volatile bool _stopped;

    public ProbeRef(ActorSystem system, ActorPath path, ProbeQueue queue)
    {
        System = system;
        Path = path;
        _queue = queue;
    }

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public IInternalActorRef Canonical => this;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender ??= ActorCell.CurrentActor;   // a Tell from inside an actor comes from that actor, as with any ref
        if (_stopped) System.DeadLetter(message, sender, this);
        else _queue.Add(new Received(message, sender ?? System.DeadLetters));
    }

    /// <summary>Starts watching <paramref name="target"/>; the watch is registered with it when this returns.</summary>
    public void Watch(IActorRef target)
    {
        var subject = ActorSystem.Resolve(target);
        lock (_gate)
        {
            if (_stopped || !_watching.Add(subject.Canonical)) return;
        }
        subject.SendSystemMessage(new Watch(this));
    }

    /// <summary>Stops watching <paramref name="target"/>: no Terminated for it is added after this returns.</summary>
    public void Unwatch(IActorRef target)
    {
        var subject = ActorSystem.Resolve(target);
        lock (_gate)
        {
            if (!_watching.Remove(subject.Canonical)) return;
        }
        subject.SendSystemMessage(new Unwatch(this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification notification:
                lock (_gate)
                {
                    // Under the lock, so that Unwatch and this cannot interleave: after Unwatch, no Terminated.
                    if (!_watching.Remove(notification.Actor.Canonical)) return;
                    _queue.Add(new Received(new Terminated(notification.Actor, notification.ExistenceConfirmed, AddressTerminated: false), notification.Actor));
                }
                break;
            case Watch watch:
                bool stopped;
                lock (_gate)
                {
                    stopped = _stopped;
                    if (!stopped) _watchers.Add(watch.Watcher.Canonical);
                }
                if (stopped) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
                break;
            case Unwatch unwatch:
                lock (_gate) _watchers.Remove(unwatch.Watcher.Canonical);
                break;
        }
    }

    /// <summary>Stops the probe: later messages are dead letters, and its watchers get Terminated.</summary>
    public void Stop()
    {
        IInternalActorRef[] watchers, watching;
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            watchers = [.. _watchers];
            watching = [.. _watching];
            _watchers.Clear();
            _watching.Clear();
        }
        foreach (var subject in watching) subject.SendSystemMessage(new Unwatch(this));
        foreach (var watcher in watchers) watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
    }

    /// <summary>Probes are never cancelled (they are not in <c>/user</c>); a request is ignored.</summary>
    public void RequestCancel(ShutdownReason reason) { }

    public bool Equals(IActorRef? other) => other is IInternalActorRef o && ReferenceEquals(this, o.Canonical);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => $"Probe[{Path}]";
}

/// <summary>A message a probe received, with its sender.</summary>
internal readonly record struct Received(object Message, IActorRef Sender);
