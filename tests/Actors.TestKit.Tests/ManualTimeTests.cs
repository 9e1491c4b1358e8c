using ActorShutdown.TestKit;

namespace ActorShutdown.TestKit.Tests;

public class ManualTimeTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Off = Timeout.InfiniteTimeSpan;

    [Fact]
    public void Every_instance_starts_at_the_same_instant()
    {
        var a = new ManualTime();
        var b = new ManualTime();

        Assert.Equal(a.GetUtcNow(), b.GetUtcNow());
        Assert.Equal(0, a.GetTimestamp());
        Assert.Equal(TimeSpan.TicksPerSecond, a.TimestampFrequency);
    }

    [Fact]
    public void Advance_moves_the_clock_and_the_timestamp()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        var ts = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(start + TimeSpan.FromSeconds(90), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), time.GetElapsedTime(ts));
    }

    [Fact]
    public void Advance_rejects_a_negative_span()
    {
        var time = new ManualTime();
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void A_one_shot_timer_fires_once_at_its_due_time_with_the_clock_there()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        var seen = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => seen.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(3), Off);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(seen);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([start + TimeSpan.FromSeconds(3)], seen);
        Assert.Equal(start + TimeSpan.FromSeconds(7), time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(100));
        Assert.Single(seen);
    }

    [Fact]
    public void A_periodic_timer_fires_for_every_period_inside_one_advance()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        var seen = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => seen.Add(time.GetUtcNow() - start), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], seen);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_ties_in_the_order_they_were_armed()
    {
        var time = new ManualTime();
        var order = new List<string>();
        using var late = time.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(2), Off);
        using var tieA = time.CreateTimer(_ => order.Add("tie-a"), null, TimeSpan.FromSeconds(1), Off);
        using var tieB = time.CreateTimer(_ => order.Add("tie-b"), null, TimeSpan.FromSeconds(1), Off);

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["tie-a", "tie-b", "late"], order);
    }

    [Fact]
    public void A_zero_due_time_fires_on_the_next_advance_even_by_zero()
    {
        var time = new ManualTime();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Off);

        Assert.Equal(0, fired);
        time.Advance(TimeSpan.Zero);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_reschedules_from_now_and_infinite_disables()
    {
        var time = new ManualTime();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Off);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Off));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        Assert.True(timer.Change(Off, Off));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task A_disposed_timer_never_fires_and_cannot_be_changed()
    {
        var time = new ManualTime();
        var fired = 0;
        var sync = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Off);
        var async = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        sync.Dispose();
        await async.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
        Assert.False(sync.Change(TimeSpan.FromSeconds(1), Off));
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void Out_of_range_timer_spans_are_rejected()
    {
        var time = new ManualTime();
        Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Off));
        using var timer = time.CreateTimer(_ => { }, null, Off, Off);
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromDays(100)));
    }

    [Fact]
    public void ActiveTimers_counts_armed_timers_only()
    {
        var time = new ManualTime();
        using var oneShot = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Off);
        using var periodic = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var disabled = time.CreateTimer(_ => { }, null, Off, Off);

        Assert.Equal(2, time.ActiveTimers);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, time.ActiveTimers);
    }

    [Fact]
    public void A_timer_armed_by_a_callback_fires_in_the_same_advance_when_due_inside_it()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        ITimer? second = null;
        var secondFiredAt = default(DateTimeOffset?);
        using var first = time.CreateTimer(
            _ => second = time.CreateTimer(_ => secondFiredAt = time.GetUtcNow(), null, TimeSpan.FromSeconds(2), Off),
            null, TimeSpan.FromSeconds(1), Off);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(start + TimeSpan.FromSeconds(3), secondFiredAt);
        second!.Dispose();
    }

    [Fact]
    public void Callbacks_run_on_the_advancing_thread_outside_the_clock_lock()
    {
        var time = new ManualTime();
        var callbackThread = -1;
        var otherThreadArmed = false;
        using var timer = time.CreateTimer(_ =>
        {
            callbackThread = Environment.CurrentManagedThreadId;
            // Another thread uses the clock while this callback runs: it would deadlock if Advance held a lock.
            otherThreadArmed = Task.Run(() => time.CreateTimer(_ => { }, null, TimeSpan.FromHours(1), Off)).Wait(Guard);
        }, null, TimeSpan.FromSeconds(1), Off);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Environment.CurrentManagedThreadId, callbackThread);
        Assert.True(otherThreadArmed);
    }

    [Fact]
    public void An_exception_from_a_callback_reaches_the_caller_with_the_clock_at_its_due_time()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        using var timer = time.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromSeconds(1), Off);

        Assert.Throws<InvalidOperationException>(() => time.Advance(TimeSpan.FromSeconds(5)));
        Assert.Equal(start + TimeSpan.FromSeconds(1), time.GetUtcNow());
    }

    [Fact]
    public void Callbacks_see_the_async_local_state_of_the_code_that_created_the_timer()
    {
        var time = new ManualTime();
        var local = new AsyncLocal<string>();
        string? seen = null;
        ITimer timer;
        local.Value = "creator";
        timer = time.CreateTimer(_ => seen = local.Value, null, TimeSpan.FromSeconds(1), Off);
        local.Value = "advancer";

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("creator", seen);
        timer.Dispose();
    }

    [Fact]
    public void Task_Delay_follows_the_clock()
    {
        var time = new ManualTime();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_cancellation_token_source_with_a_delay_follows_the_clock()
    {
        var time = new ManualTime();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(cts.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task Timers_created_from_many_threads_all_fire()
    {
        var time = new ManualTime();
        var fired = 0;
        var timers = await Task.WhenAll(Enumerable.Range(1, 400).Select(i => Task.Run(() =>
            time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(i), Off))));

        Assert.Equal(400, time.ActiveTimers);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(400, fired);
        foreach (var timer in timers) timer.Dispose();
    }

    [Fact]
    public async Task Concurrent_advances_add_up()
    {
        var time = new ManualTime();
        var start = time.GetUtcNow();
        var fired = 0;
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => time.Advance(TimeSpan.FromSeconds(10)))));

        Assert.Equal(start + TimeSpan.FromSeconds(80), time.GetUtcNow());
        Assert.Equal(80, fired);
    }
}
