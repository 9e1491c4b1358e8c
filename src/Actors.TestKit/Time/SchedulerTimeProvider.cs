using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> on Akka.TestKit's <see cref="TestScheduler"/>: its clock is the scheduler's, and its
/// timers fire when the scheduler is advanced past their due time, so <c>Task.Delay(d, time, token)</c> and
/// <c>new CancellationTokenSource(d, time)</c> follow virtual time like the actors' own timers.
/// </summary>
internal sealed class SchedulerTimeProvider(TestScheduler scheduler) : TimeProvider
{
    /// <summary>The scheduler the clock and timers run on.</summary>
    public TestScheduler Scheduler { get; } = scheduler;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Scheduler.Now;

    /// <summary>The scheduler's clock in ticks, so <see cref="TimeProvider.GetElapsedTime(long)"/> measures virtual time.</summary>
    public override long GetTimestamp() => Scheduler.Now.UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SchedulerTimer(Scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}
