using System.Runtime.ExceptionServices;
using Akka;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// A task added to one of Akka's phases through <see cref="ShutdownGuardian.AddTask"/>: it gets a token that is
/// cancelled when its phase times out or the deadline passes (Akka only stops waiting for a timed-out task), and it
/// records its outcome for the report. Disposing it before the run removes it: it then completes at once.
/// </summary>
internal sealed class PhaseTask(string phase, string name, Func<CancellationToken, Task> task, IScheduler scheduler, TimeSpan phaseTimeout) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _lock = new();
    private long? _started;
    private long? _ended;
    private Exception? _failure;
    private bool _timedOut;
    private bool _removed;
    private Task? _running;   // the user's task, once called

    public string Phase { get; } = phase;

    /// <summary>Whether it ran (it was not removed before its phase).</summary>
    public bool Ran
    {
        get { lock (_lock) return _started is not null; }
    }

    /// <summary>
    /// Whether the user's task has been called (so whatever it waits on is set up) and has not ended: it is waiting on
    /// something of its own, not on Akka.
    /// </summary>
    /// <remarks>
    /// Once the user's task has completed it waits on nothing: what is left is this task's continuation and Akka's, on
    /// the thread pool, which the TestKit's quiet checks may miss once a thread has taken them.
    /// </remarks>
    public bool Waiting
    {
        get { lock (_lock) return _running is { IsCompleted: false } && _ended is null; }
    }

    /// <summary>Removes it, unless its phase has started it already.</summary>
    public void Dispose()
    {
        lock (_lock) _removed = _started is null;
    }

    /// <summary>Akka's task: runs the user's task with the token.</summary>
    public async Task<Done> Run()
    {
        lock (_lock)
        {
            if (_removed) return Done.Instance;
            _started = scheduler.Now.UtcTicks;
        }
        scheduler.Advanced.ScheduleOnce(phaseTimeout, () => Cut(deadline: false));
        try
        {
            var running = task(_cancellation.Token);
            lock (_lock) _running = running;
            await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var failure = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
            // Giving up because its own token was cancelled is its timeout, already recorded, not a failure.
            if (!(failure is OperationCanceledException && _cancellation.IsCancellationRequested)) lock (_lock) _failure ??= failure;
            // Akka decides what a failed task means for the run (recover), and logs it.
            ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            lock (_lock) _ended ??= scheduler.Now.UtcTicks;
        }
        return Done.Instance;
    }

    /// <summary>Its phase timed out, or the deadline passed: a task still running is marked timed out and its token cancelled.</summary>
    public void Cut(bool deadline)
    {
        if (MarkCut(deadline)) CancelToken();
    }

    /// <summary>Marks a task still running as timed out (ended now, for the deadline), without cancelling its token yet.</summary>
    /// <returns>Whether it was running.</returns>
    public bool MarkCut(bool deadline)
    {
        lock (_lock)
        {
            if (_started is null || _ended is not null) return false;
            _timedOut = true;
            if (deadline) _ended = scheduler.Now.UtcTicks;
            return true;
        }
    }

    /// <summary>Cancels its token.</summary>
    public void CancelToken() => _cancellation.Cancel();

    /// <summary>Its outcome as of <paramref name="now"/> (scheduler ticks).</summary>
    public TaskOutcome Outcome(long now)
    {
        lock (_lock) return new TaskOutcome(name, TimeSpan.FromTicks(Math.Max(0, (_ended ?? now) - (_started ?? now))), _failure, _timedOut);
    }
}
