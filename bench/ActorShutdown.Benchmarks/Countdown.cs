namespace ActorShutdown.Benchmarks;

/// <summary>Completes its task when it has been signalled <c>count</c> times, from any thread.</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left = count;

    public Task Task => _done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _left) == 0) _done.TrySetResult();
    }
}
