using ActorShutdown.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit.Tests;

public sealed class TimeTests(ITestOutputHelper output) : ShutdownTestKit(output: output)
{
    [Fact]
    public void Clock_and_timestamp_follow_the_scheduler()
    {
        var start = Time.GetUtcNow();
        var stamp = Time.GetTimestamp();
        Assert.Equal(Scheduler.Now, start);

        Scheduler.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(start + TimeSpan.FromSeconds(7), Time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(7), Time.GetElapsedTime(stamp));
    }

    [Fact]
    public void A_timer_fires_once_the_scheduler_passes_its_due_time()
    {
        var fired = 0;
        using var timer = Time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        Scheduler.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, fired);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
        Scheduler.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_periodic_timer_fires_every_period_even_within_one_advance()
    {
        var fired = 0;
        using var timer = Time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, fired);
        Scheduler.Advance(TimeSpan.FromMilliseconds(3500));   // crosses 3 s, 4 s and 5 s
        Assert.Equal(5, fired);
        Scheduler.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(6, fired);
    }

    [Fact]
    public void A_disposed_timer_does_not_fire_and_cannot_be_changed()
    {
        var fired = 0;
        var timer = Time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        Scheduler.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void A_changed_timer_fires_at_its_new_time_only()
    {
        var fired = new List<DateTimeOffset>();
        using var timer = Time.CreateTimer(_ => fired.Add(Time.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var start = Time.GetUtcNow();

        Assert.True(timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(fired);
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([start + TimeSpan.FromSeconds(3)], fired);
    }

    [Fact]
    public void A_timer_changed_to_infinite_is_stopped()
    {
        var fired = 0;
        using var timer = Time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Scheduler.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void A_timer_due_now_fires_without_the_clock_moving()
    {
        using var fired = new ManualResetEventSlim();
        using var timer = Time.CreateTimer(_ => fired.Set(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.True(fired.Wait(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_negative_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => Time.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public async Task Task_Delay_completes_when_the_scheduler_passes_its_time()
    {
        var delay = Task.Delay(TimeSpan.FromSeconds(5), Time);

        Scheduler.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Task_Delay_is_cancellable_and_its_timer_then_fires_nothing()
    {
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), Time, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay.WaitAsync(TimeSpan.FromSeconds(10)));
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        Assert.True(delay.IsCanceled);
    }

    [Fact]
    public void A_token_source_cancels_after_its_virtual_delay()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3), Time);

        Scheduler.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cts.IsCancellationRequested);
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        Assert.True(cts.IsCancellationRequested);
    }
}
