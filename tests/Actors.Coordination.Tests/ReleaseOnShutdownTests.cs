using ActorShutdown.TestKit;
using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary><see cref="LeaseShutdownExtensions.ReleaseOnShutdown"/> on test leases, each test with systems of its own.</summary>
public sealed class ReleaseOnShutdownTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly Config LeaseConfig = ConfigurationFactory.ParseString("""
        test-lease {
          lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
          heartbeat-interval = 1s
          heartbeat-timeout = 60s
        }
        """);

    private readonly string _name = $"tied-{Guid.NewGuid():N}";
    private readonly List<ActorSystem> _systems = [];

    [Fact]
    public async Task The_lease_is_released_the_moment_its_holder_terminates_and_another_owner_takes_it_at_once()
    {
        var system = System();
        var a = Lease(system, "a");
        var b = Lease(System(), "b");
        var holder = system.ActorOf(Props.Empty, "holder");
        Assert.True(await a.Acquire());
        a.ReleaseOnShutdown(system, holder);
        Assert.False(await b.Acquire());

        system.Stop(holder);

        await AwaitConditionAsync(() => a.Calls.Contains(TestLeaseCall.Release));
        await AwaitConditionAsync(() => b.Acquire());
        Assert.False(a.CheckLease());
        Assert.False(system.WhenTerminated.IsCompleted);   // no shutdown was needed
    }

    [Fact]
    public async Task Without_a_holder_the_lease_is_held_until_the_last_phase_before_the_system_terminates()
    {
        var system = System();
        var a = Lease(system, "a");
        Assert.True(await a.Acquire());
        a.ReleaseOnShutdown(system);
        var heldInServiceStop = false;
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "observe", () =>
        {
            heldInServiceStop = a.CheckLease();
            return Task.FromResult(Done.Instance);
        });

        await shutdown.Run(CoordinatedShutdown.UnknownReason.Instance);

        Assert.True(heldInServiceStop);
        Assert.False(a.CheckLease());
        Assert.Equal([TestLeaseCall.Acquire, TestLeaseCall.Release], a.Calls);
        Assert.True(await Lease(System(), "b").Acquire());
    }

    [Fact]
    public async Task A_holder_still_alive_at_the_last_phase_has_its_lease_released_there_before_it_stops()
    {
        var system = System();
        var a = Lease(system, "a");
        Assert.True(await a.Acquire());
        var heldWhenStopped = new TaskCompletionSource<bool>();
        var holder = system.ActorOf(Props.Create(() => new Holder(a, heldWhenStopped)), "holder");
        a.ReleaseOnShutdown(system, holder);

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);

        Assert.False(await heldWhenStopped.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(a.Calls, call => call == TestLeaseCall.Release);
    }

    [Fact]
    public async Task ActorSystem_Terminate_releases_the_lease_too()
    {
        var system = System();
        var a = Lease(system, "a");
        Assert.True(await a.Acquire());
        a.ReleaseOnShutdown(system, system.ActorOf(Props.Empty));

        await system.Terminate();

        Assert.Contains(TestLeaseCall.Release, a.Calls);
        Assert.True(await Lease(System(), "b").Acquire());
    }

    [Fact]
    public async Task A_lease_tied_twice_is_released_once()
    {
        var system = System();
        var a = Lease(system, "a");
        Assert.True(await a.Acquire());
        var holder = system.ActorOf(Props.Empty);
        a.ReleaseOnShutdown(system, holder);
        a.ReleaseOnShutdown(system, holder);
        a.ReleaseOnShutdown(system);

        system.Stop(holder);
        await AwaitConditionAsync(() => a.Calls.Contains(TestLeaseCall.Release));
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);

        Assert.Single(a.Calls, call => call == TestLeaseCall.Release);
    }

    [Fact]
    public async Task A_failed_release_is_logged_as_an_error_with_its_exception_and_the_shutdown_goes_on()
    {
        var system = System();
        var failure = new LeaseException("the store is gone");
        var lease = NewFailingLease(failure);
        var errors = CreateTestProbe(system);
        system.EventStream.Subscribe(errors.Ref, typeof(Error));
        lease.ReleaseOnShutdown(system);

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);

        var error = errors.ExpectMsg<Error>(TimeSpan.FromSeconds(10));
        Assert.Same(failure, error.Cause);
        Assert.Contains(_name, error.Message.ToString(), StringComparison.Ordinal);
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task With_the_guardian_loaded_each_release_is_in_the_shutdown_report()
    {
        var system = System("akka.shutdown-guardian.run-by-signals = off");
        var guardian = ShutdownGuardian.Get(system);
        var a = Lease(system, "a");
        Assert.True(await a.Acquire());
        var holder = system.ActorOf(Props.Create<Worker>(), "holder");   // stops on the guardian's Cancel
        a.ReleaseOnShutdown(system, holder);
        var notHeld = Lease(system, "never-acquired");
        notHeld.ReleaseOnShutdown(system);

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(new LeaseOutcome(_name, "a", true, null), report.Leases);
        Assert.Contains(new LeaseOutcome(_name, "never-acquired", false, null), report.Leases);
        Assert.Equal(2, report.Leases.Count);
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task With_the_guardian_loaded_a_failed_release_is_reported_with_its_exception_and_the_report_is_not_clean()
    {
        var system = System("akka.shutdown-guardian.run-by-signals = off");
        var guardian = ShutdownGuardian.Get(system);
        var failure = new LeaseException("the store is gone");
        NewFailingLease(failure).ReleaseOnShutdown(system);

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);
        var report = await guardian.Report.WaitAsync(TimeSpan.FromSeconds(10));

        var outcome = Assert.Single(report.Leases);
        Assert.Equal((_name, "a", false), (outcome.LeaseName, outcome.Owner, outcome.Released));
        Assert.Same(failure, outcome.Failure);
        Assert.False(report.Clean);
    }

    protected override void AfterAll()
    {
        foreach (var system in _systems) Shutdown(system);
        base.AfterAll();
    }

    private ActorSystem System(string hocon = "")
    {
        var system = ActorSystem.Create("tied", ConfigurationFactory.ParseString(hocon).WithFallback(LeaseConfig).WithFallback(Sys.Settings.Config));
        _systems.Add(system);
        return system;
    }

    private TestLease Lease(ActorSystem system, string owner) => (TestLease)LeaseProvider.Get(system).GetLease(_name, "test-lease", owner);

    private FailingLease NewFailingLease(Exception failure) =>
        new(new LeaseSettings(_name, "a", new TimeoutSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), Config.Empty), failure);

    /// <summary>Tells, as it stops, whether it still held its lease.</summary>
    private sealed class Holder(Lease lease, TaskCompletionSource<bool> heldWhenStopped) : ReceiveActor
    {
        protected override void PostStop() => heldWhenStopped.TrySetResult(lease.CheckLease());
    }

    /// <summary>Stops on its first Cancel.</summary>
    private sealed class Worker : CancellableReceiveActor;

    /// <summary>A lease whose release fails.</summary>
    private sealed class FailingLease(LeaseSettings settings, Exception failure) : Lease(settings)
    {
        public override Task<bool> Acquire() => Task.FromResult(true);

        public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => Task.FromResult(true);

        public override Task<bool> Release() => Task.FromException<bool>(failure);

        public override bool CheckLease() => true;
    }
}
