namespace ActorShutdown.Coordination.Tests.Support;

/// <summary>
/// A clock that reads like another but whose timers can be frozen: while frozen, their callbacks are dropped —
/// a holder process that is paused or hung, whose heartbeats stop while the world's time goes on.
/// </summary>
public sealed class FreezableTime(TimeProvider inner) : TimeProvider
{
    private volatile bool _frozen;

    public void Freeze() => _frozen = true;

    public void Thaw() => _frozen = false;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(s =>
        {
            if (!_frozen) callback(s);
        }, state, dueTime, period);
}
