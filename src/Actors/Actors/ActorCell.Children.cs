namespace ActorShutdown;

/// <summary>
/// The children container. Guarded by a lock on the dictionary: children are created from the actor's own
/// thread, and for <c>/user</c> from any thread via <see cref="ActorSystem.ActorOf"/>. A terminated child is
/// removed on the parent's thread when its termination notice arrives, so 100,000 children stopping at once do
/// not contend for the parent's lock; until then its name counts as free (it has terminated before anyone can
/// learn of it), so a name can be reused as soon as <c>Terminated</c> arrives. Not on the message path.
/// </summary>
internal sealed partial class ActorCell
{
    /// <summary>What a leaf's <see cref="_children"/> becomes when it terminates: no dictionary is created just to close it.</summary>
    private static readonly Dictionary<string, ActorCell> ClosedLeaf = [];

    private Dictionary<string, ActorCell>? _children;   // any thread, under lock(_children); ClosedLeaf once a leaf terminated
    private bool _childrenClosed;                       // under lock: set once an actor that had a dictionary terminated
    private long _nextChildId;                          // any thread (interlocked)

    private Dictionary<string, ActorCell> ChildrenMap
    {
        get
        {
            var map = Volatile.Read(ref _children);
            if (map is not null) return map;
            Interlocked.CompareExchange(ref _children, new Dictionary<string, ActorCell>(StringComparer.Ordinal), null);
            return _children!;
        }
    }

    public IReadOnlyCollection<IActorRef> Children => Array.FindAll(SnapshotChildren(), static c => !c.IsTerminated);

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var map = ChildrenMap;
        lock (map) return map.GetValueOrDefault(name) is { IsTerminated: false } child ? child : null;
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = ActorNames.Generate(Interlocked.Increment(ref _nextChildId));
        else ActorNames.Validate(name, Path);
        var map = ChildrenMap;
        ActorCell child;
        lock (map)
        {
            if (_childrenClosed || ReferenceEquals(map, ClosedLeaf)) throw new InvalidOperationException($"{Path} has terminated and cannot create child '{name}'.");
            if (map.TryGetValue(name, out var holder) && !holder.IsTerminated) throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Path}: a live actor already has it.");
            child = new ActorCell(System, Path.Child(name), this, props);
            map[name] = child;
        }
        child.EnqueueSystem(new Create());
        System.CreationObserver?.Invoke(child);
        if (_state >= Terminating)
        {
            // A stopping parent takes its new children with it; a draining one drains them, as its others.
            if (_draining) child.Drain();
            else child.Stop();
        }
        return child;
    }

    /// <summary>The children, terminated ones not yet removed included (any thread).</summary>
    internal ActorCell[] SnapshotChildren()
    {
        var map = Volatile.Read(ref _children);
        if (map is null) return [];
        lock (map) return map.Count == 0 ? [] : [.. map.Values];
    }

    private bool IsLiveChild(ActorCell child)
    {
        var map = Volatile.Read(ref _children);
        if (map is null) return false;
        lock (map) return map.TryGetValue(child.Path.Name, out var c) && ReferenceEquals(c, child) && !c.IsTerminated;
    }

    private void StopChildren()
    {
        foreach (var child in SnapshotChildren()) child.Stop();
    }

    private void DrainChildren()
    {
        foreach (var child in SnapshotChildren()) child.Drain();
    }

    private bool HasStoppingChildren()
    {
        foreach (var child in SnapshotChildren())
        {
            if (child.IsStopping) return true;
        }
        return false;
    }

    /// <summary>True (and no more children can be added) when there are none left.</summary>
    private bool TryCloseChildren()
    {
        // Either the leaf is closed here, or ActorOf created the dictionary first and the lock decides.
        if (Interlocked.CompareExchange(ref _children, ClosedLeaf, null) is not { } map) return true;
        lock (map)
        {
            if (map.Count > 0) return false;
            _childrenClosed = true;
            return true;
        }
    }

    /// <summary>Called on the parent's thread when a child's termination notice arrives.</summary>
    private void OnChildTerminated(ActorCell child)
    {
        var map = ChildrenMap;
        lock (map)
        {
            // The name may already belong to a new child.
            if (map.TryGetValue(child.Path.Name, out var c) && ReferenceEquals(c, child)) map.Remove(child.Path.Name);
        }
        if (_state == Terminating) TryFinishTerminate();
        else TryFinishRecreate();
    }
}
