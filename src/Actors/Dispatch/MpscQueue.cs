namespace ActorShutdown;

/// <summary>A node of an intrusive <see cref="MpscQueue"/>: envelopes and system messages carry their own link.</summary>
internal abstract class QueueNode
{
    internal QueueNode? Next;
}

/// <summary>
/// A lock-free, allocation-free multi-producer / single-consumer FIFO queue of intrusive nodes.
/// </summary>
/// <remarks>
/// Producers push onto a Treiber stack (<see cref="_incoming"/>) with one CAS. The single consumer takes
/// the whole stack with one exchange and reverses it into <see cref="_outgoing"/>, which only it touches.
/// Invariants: only the mailbox's current runner (the thread holding the Scheduled bit) calls
/// <see cref="TryDequeue"/> and <see cref="HasItems"/>; a node is enqueued once and never shared between
/// queues; per-producer order is kept because a producer's later push lands above its earlier one and the
/// reversal restores push order.
/// This is a mutable struct embedded in its owner: never copy it.
/// </remarks>
internal struct MpscQueue
{
    private QueueNode? _incoming;   // written by producers (CAS), taken by the consumer (exchange)
    private QueueNode? _outgoing;   // consumer-only, in FIFO order

    public void Enqueue(QueueNode node)
    {
        var head = Volatile.Read(ref _incoming);
        while (true)
        {
            node.Next = head;
            var seen = Interlocked.CompareExchange(ref _incoming, node, head);
            if (ReferenceEquals(seen, head)) return;
            head = seen;
        }
    }

    /// <summary>Consumer only.</summary>
    public QueueNode? TryDequeue()
    {
        var node = _outgoing;
        if (node is null)
        {
            if (Volatile.Read(ref _incoming) is null) return null;
            node = Reverse(Interlocked.Exchange(ref _incoming, null));
        }
        _outgoing = node!.Next;
        node.Next = null;
        return node;
    }

    /// <summary>Consumer only; producers may add items at any time, so a false answer can be stale at once.</summary>
    public bool HasItems => _outgoing is not null || Volatile.Read(ref _incoming) is not null;

    private static QueueNode? Reverse(QueueNode? stack)
    {
        QueueNode? fifo = null;
        while (stack is not null)
        {
            var next = stack.Next;
            stack.Next = fifo;
            fifo = stack;
            stack = next;
        }
        return fifo;
    }
}
