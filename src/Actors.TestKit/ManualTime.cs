namespace ActorShutdown.TestKit;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Everything that takes its time
/// from a <see cref="TimeProvider"/> — <c>Task.Delay(d, time)</c>, <c>new CancellationTokenSource(d, time)</c>,
/// actor timers, Ask timeouts, shutdown phase timeouts — follows it, so a test can make a timeout
/// happen without waiting for it.
/// </summary>
/// <remarks>
/// The clock starts at the same instant (2025-01-01T00:00:00Z, timestamp 0) in every instance, so
/// runs are repeatable. All members are thread-safe. Timer callbacks run on the thread that calls
/// <see cref="Advance"/>, one at a time in due-time order (timers due at the same instant fire in the
/// order they were armed), and outside any lock of this class, so a callback may create, change or
/// dispose timers. A timer armed with a due time of zero fires on the next call to
/// <see cref="Advance"/>, even <c>Advance(TimeSpan.Zero)</c>.
/// </remarks>
public sealed class ManualTime : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly SortedSet<ManualTimer> _armed = new(ManualTimer.DueOrder);

    // Both in ticks since Epoch. _now is the clock; _target is where the Advance calls made so far
    // take it. They differ only while Advance is firing timers. Written under _gate.
    private long _now;
    private long _target;

    // Orders timers due at the same instant: the one armed first fires first.
    private long _armings;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(Volatile.Read(ref _now));

    /// <inheritdoc />
    public override long GetTimestamp() => Volatile.Read(ref _now);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>
    /// How many timers are armed, that is, will fire on some future <see cref="Advance"/>. Code under
    /// test often arms its timer on another thread; a test waits for this count before advancing,
    /// so the advance cannot slip past a timer that was not yet armed.
    /// </summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate) return _armed.Count;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, firing every timer that falls due on the way,
    /// in due-time order. While a callback runs, the clock reads that timer's due time. A periodic
    /// timer fires once for every period that ends inside the advance; a timer armed by a callback
    /// fires too if it falls due before the advance ends. An exception thrown by a callback
    /// propagates to the caller, leaving the clock at that timer's due time.
    /// </summary>
    /// <param name="by">How far to move the clock; zero fires only the timers already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate) _target = checked(_target + by.Ticks);
        while (TakeNextDue() is { } timer) timer.Fire();
    }

    /// <summary>
    /// Removes the earliest timer due by the target and moves the clock to its due time, re-arming it
    /// first when periodic; or, when none is due, moves the clock to the target and returns null.
    /// </summary>
    private ManualTimer? TakeNextDue()
    {
        lock (_gate)
        {
            if (_armed.Count == 0 || _armed.Min!.Due > _target)
            {
                Volatile.Write(ref _now, _target);
                return null;
            }

            var timer = _armed.Min;
            _armed.Remove(timer);
            // Max: a nested or concurrent Advance may already have moved the clock past this due time.
            Volatile.Write(ref _now, Math.Max(_now, timer.Due));
            if (timer.Period > 0) Arm(timer, timer.Due + timer.Period);
            return timer;
        }
    }

    /// <summary>Re-schedules <paramref name="timer"/>; false when it has been disposed.</summary>
    internal bool Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimerSpan(dueTime, nameof(dueTime));
        ValidateTimerSpan(period, nameof(period));
        lock (_gate)
        {
            if (timer.Disposed) return false;
            _armed.Remove(timer);
            // Like System.Threading.Timer: a period of zero or infinite means the timer fires once.
            timer.Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime != Timeout.InfiniteTimeSpan) Arm(timer, _now + dueTime.Ticks);
            return true;
        }
    }

    /// <summary>Disarms <paramref name="timer"/> for good.</summary>
    internal void Dispose(ManualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            _armed.Remove(timer);
        }
    }

    private void Arm(ManualTimer timer, long due)
    {
        timer.Due = due;
        timer.Arming = ++_armings;
        _armed.Add(timer);
    }

    // The same bounds as the system timer, which also keeps due times far from overflowing.
    private static void ValidateTimerSpan(TimeSpan span, string name)
    {
        var maxSupported = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        if (span != Timeout.InfiniteTimeSpan && (span < TimeSpan.Zero || span > maxSupported))
            throw new ArgumentOutOfRangeException(name, span, "Must be Timeout.InfiniteTimeSpan or between zero and about 49.7 days.");
    }
}
