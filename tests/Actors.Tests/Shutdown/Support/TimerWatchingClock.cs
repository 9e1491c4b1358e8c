using System.Threading.Channels;
using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Shutdown.Support;

/// <summary>
/// A manual clock that tells the test each time a timer is armed, and for when. A run arms each
/// phase's timeout on the thread pool, after the previous phase ended; advancing the clock exactly
/// to each armed timer, and only once it is armed, replays the run without ever overshooting.
/// Valid only when every armed timer fires (every phase hangs until its timeout).
/// </summary>
internal sealed class TimerWatchingClock : TimeProvider
{
    private readonly ManualTime _manual = new();
    private readonly Channel<DateTimeOffset> _armed = Channel.CreateUnbounded<DateTimeOffset>();

    public override DateTimeOffset GetUtcNow() => _manual.GetUtcNow();

    public override long GetTimestamp() => _manual.GetTimestamp();

    public override long TimestampFrequency => _manual.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _manual.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan) _armed.Writer.TryWrite(_manual.GetUtcNow() + dueTime);
        return timer;
    }

    /// <summary>Advances to each timer as it is armed until <paramref name="run"/> completes.</summary>
    public async Task<T> AdvanceUntil<T>(Task<T> run)
    {
        while (true)
        {
            var next = _armed.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(next, run).WaitAsync(Harness.Guard) == run) return await run;
            _manual.Advance(await next - _manual.GetUtcNow());
        }
    }
}
