namespace ActorShutdown.Benchmarks;

/// <summary>Completes its task when it has been signalled <c>count</c> times, from any thread.</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left = count;

    public Task Task => _done.Task;

    /// <summary>
    /// When the last signal came (<see cref="System.Diagnostics.Stopwatch"/> ticks): an await of <see cref="Task"/>
    /// resumes only when the thread pool gets to it, which during a shutdown can be hundreds of milliseconds later.
    /// </summary>
    public long CompletedAt { get; private set; }

    public void Signal()
    {
        if (Interlocked.Decrement(ref _left) != 0) return;
        CompletedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        _done.TrySetResult();
    }
}
