namespace ActorShutdown;

/// <summary>
/// An actor's two queues — system messages and ordinary messages — and the loop that drains them on the
/// .NET thread pool. <see cref="ActorCell"/> derives from it, so an actor costs one object, not three.
/// </summary>
/// <remarks>
/// Scheduling invariant: <see cref="_status"/> is <c>Scheduled</c> exactly while one thread pool work item for
/// this mailbox is queued or running. Producers enqueue first, then try to flip Idle→Scheduled; the runner
/// flips back to Idle and re-checks the queues, so an item enqueued during that window is never stranded.
/// Only the runner touches consumer-side state, which is what makes the actor single-threaded.
/// </remarks>
internal abstract class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private int _status;
    private MpscQueue _system;
    private MpscQueue _messages;

    /// <summary>Queues an ordinary message behind the others.</summary>
    protected void EnqueueMessage(Envelope envelope)
    {
        _messages.Enqueue(envelope);
        Schedule();
    }

    /// <summary>Queues a system message; system messages overtake ordinary ones.</summary>
    internal void EnqueueSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        Schedule();
    }

    /// <summary>Makes sure a run is queued; cheap when one already is.</summary>
    protected void Schedule()
    {
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>How many ordinary messages one run may process before yielding the thread.</summary>
    protected abstract int Throughput { get; }

    /// <summary>False while the actor must not take ordinary messages (awaiting a handler, failed, stopping).</summary>
    protected abstract bool AcceptsMessages { get; }

    /// <summary>True when a priority message (a pending <see cref="Cancel"/>) waits ahead of the queue.</summary>
    protected abstract bool HasPriorityMessage { get; }

    /// <summary>Runs one system message.</summary>
    protected abstract void SystemInvoke(SystemMessage message);

    /// <summary>Delivers the pending priority message.</summary>
    protected abstract void InvokePriority();

    /// <summary>Runs one ordinary message.</summary>
    protected abstract void Invoke(Envelope envelope);

    /// <summary>Called around each run on the running thread (sets the ambient actor).</summary>
    protected abstract void OnRunStart();

    /// <inheritdoc cref="OnRunStart"/>
    protected abstract void OnRunEnd();

    void IThreadPoolWorkItem.Execute()
    {
        OnRunStart();
        try
        {
            Run();
        }
        finally
        {
            OnRunEnd();
            // A full fence, not a release store: the reads below must not be done before the Idle write is seen,
            // or a producer could enqueue, still see Scheduled and leave it to us, while we read the queues as
            // empty — a message stranded in an idle mailbox.
            Interlocked.Exchange(ref _status, Idle);
            // Racy reads are fine here: a wrong "true" costs one empty run, a wrong "false" is impossible because
            // whoever made the queue non-empty after our Idle write schedules a run itself.
            if (_system.HasItems || (AcceptsMessages && (HasPriorityMessage || _messages.HasItems)))
                Schedule();
        }
    }

    private void Run()
    {
        var budget = Throughput;
        while (true)
        {
            while (_system.TryDequeue() is { } system) SystemInvoke((SystemMessage)system);
            if (!AcceptsMessages) return;
            if (HasPriorityMessage) InvokePriority();
            else if (_messages.TryDequeue() is { } next) Invoke((Envelope)next);
            else return;
            if (--budget == 0) return;
        }
    }

    /// <summary>Takes every ordinary message still queued (runner only), for dead-lettering.</summary>
    protected Envelope? TryDequeueMessage() => (Envelope?)_messages.TryDequeue();
}
