using ActorShutdown.Configuration;
using ActorShutdown.Coordination.Tests.Support;
using ActorShutdown.TestKit;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// What every lease implementation must do, run against each (one subclass per implementation). Implementations on a
/// <see cref="ManualTime"/> clock are stepped exactly; on the real clock (PostgreSQL, whose expiry is the database's)
/// the tests wait for conditions and assert only that nothing happens before expiry.
/// </summary>
public abstract class LeaseContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<HeartbeatLease> _leases = [];

    /// <summary>The world's clock: a <see cref="ManualTime"/>, or the system clock.</summary>
    protected abstract TimeProvider Clock { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract TimeSpan HeartbeatTimeout { get; }

    protected abstract TimeSpan OperationTimeout { get; }

    /// <summary>The implementation's own configuration keys.</summary>
    protected virtual Config LeaseConfig => Config.Empty;

    protected abstract HeartbeatLease CreateLease(LeaseSettings settings, TimeProvider time);

    /// <summary>Makes the store stop answering operations on <paramref name="leaseName"/> until disposed.</summary>
    protected abstract Task<IAsyncDisposable> BlockStore(string leaseName);

    private ManualTime? Manual => Clock as ManualTime;

    [LeaseFact]
    public async Task Only_one_owner_holds_the_lease_at_a_time()
    {
        var name = NewName();
        var a = Lease(name, "owner-a");
        var b = Lease(name, "owner-b");

        Assert.True(await a.Acquire());
        Assert.False(await b.Acquire());
        Assert.True(a.CheckLease());
        Assert.False(b.CheckLease());

        Assert.True(await a.Acquire());    // already its own
        Assert.False(await b.Release());   // b never held it, and releasing does not take it from a
        Assert.False(await b.Acquire());
        Assert.True(a.CheckLease());
    }

    [LeaseFact]
    public async Task Of_many_owners_acquiring_at_once_exactly_one_wins()
    {
        var name = NewName();
        var owners = Enumerable.Range(0, 8).Select(i => Lease(name, $"owner-{i}")).ToList();

        var results = await Task.WhenAll(owners.Select(o => Task.Run(o.Acquire)));

        Assert.Single(results, acquired => acquired);
        Assert.Single(owners, o => o.CheckLease());
    }

    [LeaseFact]
    public async Task A_released_lease_can_be_taken_by_another_owner_and_then_reacquired()
    {
        var name = NewName();
        var a = Lease(name, "owner-a");
        var b = Lease(name, "owner-b");

        Assert.True(await a.Acquire());
        Assert.True(await a.Release());
        Assert.False(a.CheckLease());
        Assert.False(await a.Release());   // no longer held

        Assert.True(await b.Acquire());
        Assert.False(await a.Acquire());
        Assert.True(await b.Release());

        Assert.True(await a.Acquire());
        Assert.True(a.CheckLease());
        Assert.True(await a.Release());
    }

    [LeaseFact]
    public async Task Heartbeats_keep_the_lease_well_past_its_timeout()
    {
        var name = NewName();
        var a = Lease(name, "owner-a");
        var b = Lease(name, "owner-b");
        var heartbeats = new SemaphoreSlim(0);
        var renewed = 0;
        a.HeartbeatCompleted += ok =>
        {
            if (ok) Interlocked.Increment(ref renewed);
            heartbeats.Release();
        };

        Assert.True(await a.Acquire());
        var beats = (int)Math.Ceiling(2 * HeartbeatTimeout / Interval) + 1;
        for (var i = 0; i < beats; i++)
        {
            Manual?.Advance(Interval);
            Assert.True(await heartbeats.WaitAsync(Patience), $"heartbeat {i + 1} did not complete");
        }

        Assert.Equal(beats, Volatile.Read(ref renewed));
        Assert.True(a.CheckLease());
        Assert.False(await b.Acquire());
    }

    [LeaseFact]
    public async Task The_lease_of_an_owner_that_stops_heartbeating_expires_after_the_heartbeat_timeout_and_not_before()
    {
        var name = NewName();
        var frozen = new FreezableTime(Clock);
        var a = Lease(name, "owner-a", frozen);
        var b = Lease(name, "owner-b");
        var acquiredFrom = Clock.GetTimestamp();

        Assert.True(await a.Acquire());
        frozen.Freeze();   // a hangs: no more heartbeats

        if (Manual is { } manual)
        {
            manual.Advance(HeartbeatTimeout - TimeSpan.FromMilliseconds(1));
            Assert.False(await b.Acquire());
            Assert.True(a.CheckLease());
            manual.Advance(TimeSpan.FromMilliseconds(1));
            Assert.False(a.CheckLease());
            Assert.True(await b.Acquire());
        }
        else
        {
            var elapsed = await TakeOver(b, acquiredFrom);
            Assert.True(elapsed >= HeartbeatTimeout, $"b acquired {elapsed} after a did, before the heartbeat timeout {HeartbeatTimeout}");
            Assert.False(a.CheckLease());
        }
        Assert.True(b.CheckLease());
    }

    [LeaseFact]
    public async Task The_holder_is_told_once_that_its_lease_is_lost_when_another_owner_took_it_over()
    {
        var name = NewName();
        var frozen = new FreezableTime(Clock);
        var a = Lease(name, "owner-a", frozen);
        var b = Lease(name, "owner-b");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var acquiredFrom = Clock.GetTimestamp();

        Assert.True(await a.Acquire(reason =>
        {
            Interlocked.Increment(ref calls);
            lost.TrySetResult(reason);
        }));
        frozen.Freeze();
        if (Manual is { } manual)
        {
            manual.Advance(HeartbeatTimeout);
            Assert.True(await b.Acquire());
        }
        else
        {
            await TakeOver(b, acquiredFrom);
        }
        Assert.False(lost.Task.IsCompleted);   // a cannot know before its next heartbeat
        frozen.Thaw();
        Manual?.Advance(Interval);

        var reason = await lost.Task.WaitAsync(Patience);
        Assert.IsAssignableFrom<LeaseException>(reason);
        Assert.False(a.CheckLease());
        Assert.True(b.CheckLease());
        Assert.False(await a.Acquire());
        Manual?.Advance(3 * Interval);
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [LeaseFact]
    public async Task A_holder_whose_store_stops_answering_loses_the_lease_at_the_heartbeat_timeout()
    {
        var name = NewName();
        var a = Lease(name, "owner-a");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var acquiredFrom = Clock.GetTimestamp();
        Assert.True(await a.Acquire(reason => lost.TrySetResult(reason)));

        Exception? reason;
        await using (await BlockStore(name))
        {
            if (Manual is { } manual)
            {
                var beats = (int)(HeartbeatTimeout / Interval);
                for (var i = 1; i < beats; i++)
                {
                    manual.Advance(Interval);
                    Assert.False(lost.Task.IsCompleted, $"lost at {i * Interval}, before the heartbeat timeout {HeartbeatTimeout}");
                    Assert.True(a.CheckLease());
                }
                manual.Advance(Interval);   // the heartbeat at the timeout finds no renewal succeeded since
                Assert.True(lost.Task.IsCompleted, "not lost at the heartbeat timeout");
                reason = await lost.Task;
            }
            else
            {
                reason = await lost.Task.WaitAsync(HeartbeatTimeout + Patience);
                var elapsed = Clock.GetElapsedTime(acquiredFrom);
                Assert.True(elapsed >= HeartbeatTimeout, $"lost {elapsed} after acquiring, before the heartbeat timeout {HeartbeatTimeout}");
            }
        }
        Assert.IsAssignableFrom<LeaseException>(reason);
        Assert.False(a.CheckLease());
    }

    [LeaseFact]
    public async Task Operations_that_outlast_the_operation_timeout_fail_with_a_LeaseTimeoutException()
    {
        var name = NewName();
        var a = Lease(name, "owner-a");

        await using (await BlockStore(name))
        {
            var acquiring = a.Acquire();
            Manual?.Advance(OperationTimeout);
            var error = await Assert.ThrowsAsync<LeaseTimeoutException>(() => acquiring.WaitAsync(Patience));
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.False(a.CheckLease());
        }

        Assert.True(await a.Acquire());
        await using (await BlockStore(name))
        {
            var releasing = a.Release();
            Manual?.Advance(OperationTimeout);
            await Assert.ThrowsAsync<LeaseTimeoutException>(() => releasing.WaitAsync(Patience));
            Assert.False(a.CheckLease());   // given up locally all the same; the store's record expires by itself
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var lease in _leases.Where(l => l.CheckLease()))
        {
            try
            {
                await lease.Release().WaitAsync(Patience);
            }
            catch (LeaseException)
            {
                // The test left the store unusable for it; the record expires.
            }
        }
        await DisposeStoreAsync();
    }

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    protected static string NewName() => $"contract-{Guid.NewGuid():N}"[..21];

    private HeartbeatLease Lease(string name, string owner, TimeProvider? time = null)
    {
        var lease = CreateLease(new LeaseSettings(name, owner, Interval, HeartbeatTimeout, OperationTimeout, LeaseConfig), time ?? Clock);
        _leases.Add(lease);
        return lease;
    }

    /// <summary>Real clock: b tries until it gets the lease; returns how long after <paramref name="since"/> it got it.</summary>
    private async Task<TimeSpan> TakeOver(Lease b, long since)
    {
        while (true)
        {
            var acquired = await b.Acquire();
            var elapsed = Clock.GetElapsedTime(since);
            if (acquired) return elapsed;
            Assert.True(elapsed < HeartbeatTimeout + Patience, "b never acquired the expired lease");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
