using ActorShutdown.TestKit;

namespace ActorShutdown.Coordination.Tests;

/// <summary>What a test can script on a <see cref="TestLease"/>, beyond the contract it shares with the real leases.</summary>
public sealed class TestLeaseTests() : TestKit.TestKit("""
    actors.coordination.lease {
      lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
      heartbeat-interval = 1s
      heartbeat-timeout = 5s
      lease-operation-timeout = 2s
    }
    """, manualTime: true)
{
    [Fact]
    public async Task Acquires_and_releases_are_reported_to_the_probe()
    {
        var lease = Lease("job", "a");

        Assert.True(await lease.Acquire());
        Assert.True(await lease.Release());

        Assert.Equal(new TestLease.AcquireRequested("job", "a"), lease.Probe!.ExpectMsg<TestLease.AcquireRequested>());
        Assert.Equal(new TestLease.ReleaseRequested("job", "a"), lease.Probe.ExpectMsg<TestLease.ReleaseRequested>());
    }

    [Fact]
    public async Task Leases_of_one_system_share_its_store()
    {
        var a = Lease("job", "a");
        var b = Lease("job", "b");

        Assert.Same(a.Store, b.Store);
        Assert.Same(TestLeaseStore.For(Sys), a.Store);
        Assert.True(await a.Acquire());
        Assert.False(await b.Acquire());
        Assert.Equal("a", a.Store.RecordOf("job").Owner);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(5), a.Store.RecordOf("job").ExpiresAt);
    }

    [Fact]
    public async Task A_scripted_result_wins_over_the_store_once()
    {
        var a = Lease("job", "a");
        var b = Lease("job", "b");

        a.SetNextAcquireResult(false);
        Assert.False(await a.Acquire());   // although the lease is free
        Assert.True(await a.Acquire());    // the script was for one acquire only

        b.SetNextAcquireResult(true);
        Assert.True(await b.Acquire());    // although a holds it: b takes it
        Assert.Equal("b", b.Store.RecordOf("job").Owner);
    }

    [Fact]
    public async Task A_holder_whose_renewal_finds_another_owner_is_told_it_lost_the_lease()
    {
        var a = Lease("job", "a");
        var b = Lease("job", "b");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heartbeat = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.HeartbeatCompleted += renewed => heartbeat.TrySetResult(renewed);
        Assert.True(await a.Acquire(reason => lost.TrySetResult(reason)));
        b.SetNextAcquireResult(true);
        Assert.True(await b.Acquire());

        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await heartbeat.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("no longer held", reason!.Message, StringComparison.Ordinal);
        Assert.False(a.CheckLease());
        Assert.True(b.CheckLease());
    }

    [Fact]
    public async Task A_scripted_acquire_that_never_completes_times_out_and_one_that_faults_fails()
    {
        var a = Lease("job", "a");

        a.SetNextAcquireResult(new TaskCompletionSource<bool>().Task);
        var acquiring = a.Acquire();
        Time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<LeaseTimeoutException>(() => acquiring.WaitAsync(TimeSpan.FromSeconds(10)));

        var cause = new InvalidOperationException("store down");
        a.SetNextAcquireResult(Task.FromException<bool>(cause));
        var error = await Assert.ThrowsAsync<LeaseException>(() => a.Acquire());
        Assert.Same(cause, error.InnerException);
        Assert.IsNotType<LeaseTimeoutException>(error);
    }

    [Fact]
    public async Task Losing_the_lease_on_demand_tells_the_holder_and_frees_the_store()
    {
        var a = Lease("job", "a");
        Exception? told = null;
        var calls = 0;
        Assert.True(await a.Acquire(reason =>
        {
            calls++;
            told = reason;
        }));

        a.LoseLease();
        a.LoseLease();   // not held any more: nothing to tell

        Assert.Equal(1, calls);
        Assert.IsType<LeaseException>(told);
        Assert.False(a.CheckLease());
        Assert.Null(a.Store.RecordOf("job").Owner);
        Time.Advance(TimeSpan.FromSeconds(10));   // no heartbeat of the lost hold runs any more
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_callback_that_throws_does_not_break_the_lease()
    {
        var a = Lease("job", "a");
        Assert.True(await a.Acquire(_ => throw new InvalidOperationException("callback bug")));

        a.LoseLease();

        Assert.False(a.CheckLease());
        Assert.True(await a.Acquire());
    }

    private TestLease Lease(string name, string owner) =>
        (TestLease)LeaseProvider.Get(Sys).GetLease(name, LeaseSettings.DefaultConfigPath, owner);
}
