using ActorShutdown.TestKit;
using Akka.Coordination;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary>The controls of <see cref="TestLease"/>; its lease behaviour is in <see cref="TestLeaseContractTests"/>.</summary>
public sealed class TestLeaseTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("""
    akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
    test-lease {
      lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
      heartbeat-interval = 1s
      heartbeat-timeout = 5s
      lease-operation-timeout = 2s
    }
    """, output: output)
{
    private readonly string _name = $"test-{Guid.NewGuid():N}";

    [Fact]
    public void Get_returns_the_instance_Akka_made_and_says_when_there_is_none()
    {
        var lease = LeaseProvider.Get(Sys).GetLease(_name, "test-lease", "a");

        Assert.Same(lease, TestLease.Get(Sys, _name));
        Assert.Same(lease, TestLease.Get(Sys, _name, "a"));
        var error = Assert.Throws<InvalidOperationException>(() => TestLease.Get(Sys, "other"));
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scripted_acquire_answers_instead_of_the_store_once()
    {
        var a = Lease("a");
        a.SetNextAcquireResult(Task.FromResult(false));

        Assert.False(await a.Acquire());   // free, but refused
        Assert.True(await a.Acquire());
        Assert.Equal([TestLeaseCall.Acquire, TestLeaseCall.Acquire], a.Calls);
    }

    [Fact]
    public async Task A_pending_acquire_completes_when_the_test_completes_it_and_true_takes_the_lease()
    {
        var a = Lease("a");
        var b = Lease("b");
        Assert.True(await b.Acquire());
        var answer = new TaskCompletionSource<bool>();
        a.SetNextAcquireResult(answer.Task);

        var acquiring = a.Acquire();
        await AwaitConditionAsync(() => a.Calls.Count == 1);
        Assert.False(acquiring.IsCompleted);
        answer.SetResult(true);

        Assert.True(await acquiring);
        Assert.True(a.CheckLease());
        Assert.False(await b.Release());   // taken from b
    }

    [Fact]
    public async Task An_acquire_the_store_does_not_answer_fails_at_the_operation_timeout_and_not_before()
    {
        var a = Lease("a");
        a.SetNextAcquireResult(new TaskCompletionSource<bool>().Task);   // never answered
        var clock = (Akka.TestKit.TestScheduler)Sys.Scheduler;

        var acquiring = a.Acquire();
        await AwaitConditionAsync(() => a.Calls.Count == 1);
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.False(acquiring.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<LeaseTimeoutException>(() => acquiring.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("lease-operation-timeout", error.Message, StringComparison.Ordinal);
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task A_faulted_acquire_fails_with_a_LeaseException()
    {
        var a = Lease("a");
        a.SetNextAcquireResult(Task.FromException<bool>(new InvalidOperationException("store down")));

        var error = await Assert.ThrowsAsync<LeaseException>(() => a.Acquire());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task LoseLease_calls_the_lease_lost_callback_and_frees_the_lease()
    {
        var a = Lease("a");
        var b = Lease("b");
        var lost = new TaskCompletionSource<Exception>();
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));
        var reason = new LeaseException("taken by the test");

        a.LoseLease(reason);

        Assert.Same(reason, await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(a.CheckLease());
        Assert.True(await b.Acquire());
    }

    private TestLease Lease(string owner) => (TestLease)LeaseProvider.Get(Sys).GetLease(_name, "test-lease", owner);
}
