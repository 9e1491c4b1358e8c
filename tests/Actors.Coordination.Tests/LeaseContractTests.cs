using ActorShutdown.Coordination.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// What every lease must do, run against each implementation (one small subclass each), loaded from HOCON by Akka's
/// <see cref="LeaseProvider"/>. Two actor systems contend, both on Akka.TestKit's <see cref="TestScheduler"/>: the
/// heartbeats beat only when a test advances a system's clock, so a system whose clock stands still holds its lease
/// like a hung process. Implementations whose store keeps the expiry on that clock (file, memory) are stepped exactly,
/// with both clocks starting together; one whose store has its own clock (PostgreSQL) overrides the two tests that
/// wait for expiry and asserts their order on the store's clock.
/// </summary>
public abstract class LeaseContractTests : Akka.TestKit.Xunit2.TestKit
{
    protected const string SectionPath = "contract-lease";
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<ActorSystem> _systems = [];

    /// <param name="leaseSection">The keys of the lease's section: lease-class, the timings, the implementation's own keys.</param>
    /// <param name="output">xunit's output, for the systems' logs.</param>
    protected LeaseContractTests(string leaseSection, ITestOutputHelper output)
        : base($$"""
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            akka.loglevel = INFO
            {{SectionPath}} {
              {{leaseSection}}
            }
            """, output: output)
    {
        Other = NewSystem("other", Sys.Settings.Config);
        var start = Clock(Sys).Now > Clock(Other).Now ? Clock(Sys).Now : Clock(Other).Now;
        Clock(Sys).AdvanceTo(start);
        Clock(Other).AdvanceTo(start);
        var timeouts = LeaseProvider.Get(Sys).GetLease(Name, SectionPath, "timings").Settings.TimeoutSettings;
        Interval = timeouts.HeartbeatInterval;
        Timeout = timeouts.HeartbeatTimeout;
    }

    /// <summary>A second actor system of the same configuration, as another process would be.</summary>
    protected ActorSystem Other { get; }

    protected string Name { get; } = $"contract-{Guid.NewGuid():N}";

    protected TimeSpan Interval { get; }

    protected TimeSpan Timeout { get; }

    [LeaseFact]
    public async Task An_owner_acquires_checks_and_releases_the_lease()
    {
        var a = Lease(Sys, "a");
        Assert.False(a.CheckLease());

        Assert.True(await a.Acquire());
        Assert.True(a.CheckLease());
        Assert.True(await a.Acquire());   // already its own

        Assert.True(await a.Release());
        Assert.False(a.CheckLease());
    }

    [LeaseFact]
    public async Task A_second_owner_is_refused_while_the_lease_is_held()
    {
        var a = Lease(Sys, "a");
        var b = Lease(Other, "b");

        Assert.True(await a.Acquire());
        Assert.False(await b.Acquire());

        Assert.False(b.CheckLease());
        Assert.True(a.CheckLease());
    }

    [LeaseFact]
    public async Task A_release_lets_another_owner_take_the_lease_at_once()
    {
        var a = Lease(Sys, "a");
        var b = Lease(Other, "b");
        Assert.True(await a.Acquire());

        Assert.True(await a.Release());
        Assert.True(await b.Acquire());   // no clock moved: not an expiry

        Assert.True(b.CheckLease());
        Assert.False(await a.Acquire());
    }

    [LeaseFact]
    public async Task A_release_when_not_held_returns_false_and_takes_nothing_from_the_holder()
    {
        var a = Lease(Sys, "a");
        var b = Lease(Other, "b");
        Assert.False(await a.Release());

        Assert.True(await b.Acquire());
        Assert.False(await a.Release());

        Assert.True(b.CheckLease());
        Assert.False(await a.Acquire());
    }

    [LeaseFact]
    public async Task Owners_in_two_systems_contend_and_exactly_one_holds_the_lease_at_any_time()
    {
        var owners = new[] { Sys, Other }.SelectMany(system => Enumerable.Range(0, 3).Select(i => Lease(system, $"{system.Name}-{i}"))).ToList();
        var waiting = owners.ToList();

        while (waiting.Count > 0)
        {
            var results = await Task.WhenAll(waiting.Select(owner => Task.Run(() => owner.Acquire())));
            var winner = Assert.Single(waiting.Where((_, i) => results[i]));
            Assert.Single(owners, owner => owner.CheckLease());
            Assert.True(await winner.Release());
            waiting.Remove(winner);
        }
        Assert.DoesNotContain(owners, owner => owner.CheckLease());
    }

    [LeaseFact]
    public async Task The_lease_of_a_holder_that_stopped_heartbeating_is_taken_over_after_it_expires_and_not_before()
    {
        var a = Lease(Sys, "a");   // Sys's clock never moves here: a never renews, like a hung process
        var b = Lease(Other, "b");
        Assert.True(await a.Acquire());

        await TakeOverAfterExpiry(b);

        Assert.True(b.CheckLease());
    }

    [LeaseFact]
    public async Task The_holder_is_told_once_that_its_lease_is_lost_when_another_owner_took_it_over()
    {
        var a = Lease(Sys, "a");
        var b = Lease(Other, "b");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Assert.True(await a.Acquire(reason =>
        {
            Interlocked.Increment(ref calls);
            lost.TrySetResult(reason);
        }));
        await TakeOverAfterExpiry(b);
        Assert.False(lost.Task.IsCompleted);   // a learns it at its next heartbeat

        var beat = Heartbeats.Next(a);
        Clock(Sys).Advance(Interval);

        Assert.False(await beat.WaitAsync(Patience));
        var reason = await lost.Task.WaitAsync(Patience);
        Assert.IsAssignableFrom<LeaseException>(reason);
        Assert.False(a.CheckLease());
        Assert.True(b.CheckLease());
        Assert.False(await a.Acquire());
        Clock(Sys).Advance(3 * Interval);
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [LeaseFact]
    public virtual async Task Heartbeats_keep_the_lease_past_its_timeout()
    {
        var a = Lease(Sys, "a");
        var b = Lease(Other, "b");
        Assert.True(await a.Acquire());

        for (var elapsed = TimeSpan.Zero; elapsed <= 2 * Timeout; elapsed += Interval)
        {
            var beat = Heartbeats.Next(a);
            Clock(Sys).Advance(Interval);
            Clock(Other).Advance(Interval);
            Assert.True(await beat.WaitAsync(Patience), $"the heartbeat at {elapsed + Interval} did not renew");
        }

        Assert.True(a.CheckLease());
        Assert.False(await b.Acquire());
    }

    /// <summary>
    /// With the lease held by an owner that no longer renews it: <paramref name="contender"/> is refused until the
    /// lease expires and then takes it. Here, on the contender's clock, stepped to one tick before and to the expiry.
    /// </summary>
    protected virtual async Task TakeOverAfterExpiry(Lease contender)
    {
        var clock = Clock(ActorSystemOf(contender));
        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(await contender.Acquire());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await contender.Acquire());
    }

    protected Lease Lease(ActorSystem system, string owner)
    {
        var lease = LeaseProvider.Get(system).GetLease(Name, SectionPath, owner);
        _owners[lease] = system;
        return lease;
    }

    protected ActorSystem ActorSystemOf(Lease lease) => _owners[lease];

    protected ActorSystem NewSystem(string name, Config config)
    {
        var system = ActorSystem.Create(name, config);
        _systems.Add(system);
        return system;
    }

    protected static TestScheduler Clock(ActorSystem system) => (TestScheduler)system.Scheduler;

    protected override void AfterAll()
    {
        foreach (var system in _systems) Shutdown(system);
        base.AfterAll();
    }

    private readonly Dictionary<Lease, ActorSystem> _owners = new(ReferenceEqualityComparer.Instance);
}
