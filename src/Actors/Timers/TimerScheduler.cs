namespace ActorShutdown;

/// <summary>
/// The actor's keyed timers. Each timer is one <see cref="ITimer"/> from the system's <see cref="TimeProvider"/>;
/// a firing sends a <see cref="Tick"/> naming the timer object it came from, and the actor delivers the
/// payload only if that object is still the key's current timer — so a cancelled or replaced timer's
/// queued message is dropped. Created only for actors that implement <see cref="IWithTimers"/>.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Timer.Dispose();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Timer.Dispose();
        _timers.Clear();
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var entry = new Entry(cell, key, message, period != Timeout.InfiniteTimeSpan);
        _timers[key] = entry;
        entry.Timer = cell.System.Time.CreateTimer(static s => ((Entry)s!).Fire(), entry, delay, period);
    }

    /// <summary>Unwraps a tick into its message if the timer is still current (actor thread only).</summary>
    public bool TryTake(Tick tick, out object message)
    {
        message = tick.Entry.Message;
        if (!_timers.TryGetValue(tick.Entry.Key, out var current) || !ReferenceEquals(current, tick.Entry)) return false;
        if (!current.Periodic) _timers.Remove(current.Key);
        return true;
    }

    /// <summary>One timer; immutable but for <see cref="Timer"/>, set right after creation.</summary>
    internal sealed class Entry(ActorCell cell, object key, object message, bool periodic)
    {
        public object Key { get; } = key;
        public object Message { get; } = message;
        public bool Periodic { get; } = periodic;
        public ITimer Timer { get; set; } = null!;

        // Runs on a timer thread (or the ManualTime.Advance caller), possibly before Timer is set: only enqueue.
        public void Fire() => cell.Tell(new Tick(this), cell);
    }

    /// <summary>The message a timer firing sends to its actor.</summary>
    internal sealed class Tick(Entry entry)
    {
        public Entry Entry { get; } = entry;
    }
}
