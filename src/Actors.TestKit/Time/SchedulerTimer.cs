using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>
/// One timer of <see cref="SchedulerTimeProvider"/>. <see cref="TestScheduler"/> ignores the cancelable of a
/// scheduled action, so each arming is a generation: a firing whose generation is no longer current (the timer was
/// changed or disposed since) does nothing.
/// </summary>
internal sealed class SchedulerTimer(TestScheduler scheduler, TimerCallback callback, object? state) : ITimer
{
    private readonly Lock _gate = new();
    private long _generation;
    private TimeSpan _period;
    private DateTimeOffset _due;
    private bool _disposed;

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        long generation;
        lock (_gate)
        {
            if (_disposed) return false;
            generation = ++_generation;
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            _due = scheduler.Now + dueTime;
        }
        if (dueTime == TimeSpan.Zero)
        {
            // A real timer due now fires at once on the thread pool; waiting for the clock to move would stall it.
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Timer.Fire(s.Generation), (Timer: this, Generation: generation), preferLocal: false);
        }
        else
        {
            scheduler.ScheduleOnce(dueTime, () => Fire(generation));
        }
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _generation++;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs the callback if <paramref name="generation"/> is still current; a periodic timer then runs it once for
    /// every further period the clock has already passed (one big <c>Advance</c> crosses several) and is armed for
    /// the next one.
    /// </summary>
    private void Fire(long generation)
    {
        while (true)
        {
            lock (_gate)
            {
                if (generation != _generation) return;
            }
            callback(state);
            TimeSpan delay;
            lock (_gate)
            {
                if (generation != _generation || _period == TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan) return;
                _due += _period;
                delay = _due - scheduler.Now;
            }
            if (delay > TimeSpan.Zero)
            {
                scheduler.ScheduleOnce(delay, () => Fire(generation));
                return;
            }
        }
    }

    private static void Validate(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, "A timer's time must be zero or more, or Timeout.InfiniteTimeSpan.");
    }
}
