using System.Collections.Concurrent;

namespace ActorShutdown.TestKit;

/// <summary>What a probe has received and not yet taken; waits are real time and have sync and async forms.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim owns no OS handle unless AvailableWaitHandle is used; the queue outlives the system on purpose.")]
internal sealed class ProbeQueue
{
    private readonly ConcurrentQueue<Received> _items = new();
    private readonly SemaphoreSlim _available = new(0);

    public void Add(Received item)
    {
        _items.Enqueue(item);
        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out Received item)
    {
        if (_available.Wait(Clamp(timeout)) && _items.TryDequeue(out item)) return true;
        item = default;
        return false;
    }

    public async Task<Received?> TakeAsync(TimeSpan timeout)
    {
        if (await _available.WaitAsync(Clamp(timeout)).ConfigureAwait(false) && _items.TryDequeue(out var item)) return item;
        return null;
    }

    private static TimeSpan Clamp(TimeSpan timeout) => timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
}
