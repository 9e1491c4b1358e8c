namespace ActorShutdown.TestKit;

/// <summary>
/// A timer of a <see cref="ManualTime"/>. Its schedule (<see cref="Due"/>, <see cref="Period"/>,
/// <see cref="Arming"/>, <see cref="Disposed"/>) belongs to the owning clock and is read and written
/// only under the clock's lock.
/// </summary>
internal sealed class ManualTimer : ITimer
{
    /// <summary>Orders armed timers by due time, then by the order in which they were armed.</summary>
    internal static IComparer<ManualTimer> DueOrder { get; } =
        Comparer<ManualTimer>.Create((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Arming.CompareTo(b.Arming));

    private readonly ManualTime _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;

    // Like the system timer, the callback runs in the ExecutionContext of the code that created the
    // timer, so AsyncLocal state (logging scopes, Activity.Current) reaches it as in production.
    private readonly ExecutionContext? _context = ExecutionContext.Capture();

    internal ManualTimer(ManualTime clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    /// <summary>When the timer fires next, in clock ticks; meaningful only while armed.</summary>
    internal long Due { get; set; }

    /// <summary>The period in ticks; 0 for a one-shot timer.</summary>
    internal long Period { get; set; }

    /// <summary>Sequence number of the latest arming, breaking ties between equal due times.</summary>
    internal long Arming { get; set; }

    /// <summary>True once disposed; a disposed timer is never armed again.</summary>
    internal bool Disposed { get; set; }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period) => _clock.Change(this, dueTime, period);

    /// <inheritdoc />
    public void Dispose() => _clock.Dispose(this);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback on the calling thread.</summary>
    internal void Fire()
    {
        if (_context is null) Invoke();
        else ExecutionContext.Run(_context, static self => ((ManualTimer)self!).Invoke(), this);
    }

    private void Invoke() => _callback(_state);
}
