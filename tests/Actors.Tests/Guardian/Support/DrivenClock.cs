using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// A <see cref="ManualTime"/> that also knows when its next timer is due, so a test can move it from one timer to
/// the next — every timer then fires at its own time, and what it sets off happens before the clock moves on.
/// </summary>
internal sealed class DrivenClock : TimeProvider
{
    private readonly ManualTime _manual = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Timer> _armed = [];

    public override DateTimeOffset GetUtcNow() => _manual.GetUtcNow();

    public override long GetTimestamp() => _manual.GetTimestamp();

    public override long TimestampFrequency => _manual.TimestampFrequency;

    /// <summary>When the earliest armed timer is due, or null when none is.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate) return _armed.Count == 0 ? null : _armed.Min(t => t.Due);
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (not backwards), firing the timers due by then.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var by = instant - GetUtcNow();
        _manual.Advance(by > TimeSpan.Zero ? by : TimeSpan.Zero);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Keeps the due time of one timer of the manual clock underneath.</summary>
    private sealed class Timer : ITimer
    {
        private readonly DrivenClock _clock;
        private readonly ITimer _inner;
        private TimeSpan _period;
        private bool _disposed;

        public Timer(DrivenClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _inner = clock._manual.CreateTimer(_ =>
            {
                lock (_clock._gate)
                {
                    if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) Due += _period;
                    else _clock._armed.Remove(this);
                }
                callback(state);
            }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_clock._gate)
            {
                if (_disposed) return false;
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) _clock._armed.Remove(this);
                else
                {
                    Due = _clock.GetUtcNow() + dueTime;
                    _clock._armed.Add(this);
                }
                return _inner.Change(dueTime, period);
            }
        }

        public void Dispose()
        {
            lock (_clock._gate)
            {
                _disposed = true;
                _clock._armed.Remove(this);
            }
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
