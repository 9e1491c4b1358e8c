using System.Text.Json;
using ActorShutdown.TestKit;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// A lease tied to an actor is released the moment the actor stops, on every path — outside shutdown, drained,
/// cancelled, escalated, abandoned — and the release is in the shutdown report. Real time with short guardian
/// intervals; every assertion is about what happened, not when.
/// </summary>
public sealed class ReleaseOnStopTests : TestKit.TestKit
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ReleaseOnStopTests(Xunit.Abstractions.ITestOutputHelper output) : base("""
    actors.coordination.lease {
      lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
      heartbeat-interval = 1s
      heartbeat-timeout = 60s
      lease-operation-timeout = 300ms
    }
    actors.shutdown-guardian {
      cancel-interval = 100ms
      max-cancel-attempts = 2
      escalation = stop
      escalation-timeout = 3s
    }
    """, output) => _output = output;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stopping_the_actor_outside_any_shutdown_releases_its_lease()
    {
        var lease = Lease("job");
        var actor = ActorOf(Props.Create(() => new Worker(null)), "worker");
        Assert.True(await lease.Acquire());
        lease.Probe!.ExpectMsg<TestLease.AcquireRequested>();

        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(actor, lease).Released;
        Assert.False(release.IsCompleted);
        Assert.True(lease.CheckLease());

        Sys.Stop(actor);
        lease.Probe.ExpectMsg<TestLease.ReleaseRequested>();
        var released = await release.WaitAsync(Patience);

        Assert.True(released.Released);
        Assert.Null(released.Failure);
        Assert.Equal("/user/worker", released.ActorPath);
        Assert.False(lease.CheckLease());
        Assert.Null(lease.Store.RecordOf("job").Owner);
    }

    [Fact]
    public async Task A_shielded_actor_keeps_its_lease_while_it_drains_and_releases_it_when_it_stops()
    {
        var lease = Lease("ledger");
        // Recorded by the actor itself, not sent to a probe: the run terminates the system, and a probe's
        // mailbox does not outlive it.
        var journal = new System.Collections.Concurrent.ConcurrentQueue<object>();
        var ledger = ActorOf(Props.Create(() => new Journaling(journal, lease)), "ledger");
        ShutdownGuardian.Get(Sys).Shield(ledger);
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(ledger, lease).Released;
        Assert.True(await lease.Acquire());
        for (var i = 0; i < 100; i++) ledger.Tell(i);

        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);
        _output.WriteLine(report.ToString());

        // Every queued item was handled while the lease was still held, and only then was it released.
        var entries = journal.ToList();
        Assert.Equal(101, entries.Count);
        Assert.Equal(Enumerable.Range(0, 100), entries.Take(100).Cast<Worked>().Select(w => w.Item));
        Assert.All(entries.Take(100).Cast<Worked>(), w => Assert.True(w.HeldLease));
        Assert.Equal("stopped", entries[100]);
        Assert.True((await release.WaitAsync(Patience)).Released);

        Assert.Equal(ActorFate.Drained, report.For(ledger)!.Fate);
        var recorded = Assert.Single(report.Leases);
        Assert.Equal(("ledger", "owner", "/user/ledger", true), (recorded.LeaseName, recorded.Owner, recorded.ActorPath, recorded.Released));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task A_cancelled_actor_releases_its_lease()
    {
        var lease = Lease("job");
        var worker = ActorOf(Props.Create(() => new Worker(null)), "worker");
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(worker, lease).Released;
        Assert.True(await lease.Acquire());

        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);

        Assert.Equal(ActorFate.Stopped, report.For(worker)!.Fate);
        Assert.True((await release.WaitAsync(Patience)).Released);
        Assert.True(Assert.Single(report.Leases).Released);
        Assert.Null(lease.Store.RecordOf("job").Owner);
    }

    [Fact]
    public async Task An_escalated_actor_releases_its_lease()
    {
        var lease = Lease("job");
        var stubborn = ActorOf(Chaos.IgnoresCancel(), "stubborn");
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(stubborn, lease).Released;
        Assert.True(await lease.Acquire());

        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);

        Assert.Equal(ActorFate.Escalated, report.For(stubborn)!.Fate);
        Assert.True((await release.WaitAsync(Patience)).Released);
        Assert.Equal("/user/stubborn", Assert.Single(report.Leases).ActorPath);
    }

    [Fact]
    public async Task An_abandoned_actor_releases_its_lease_although_its_handler_is_still_running()
    {
        using var unblock = new ManualResetEventSlim();
        var lease = Lease("job");
        var probe = CreateTestProbe();
        var blocker = ActorOf(Chaos.BlocksThread(unblock, probe), "blocker");
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(blocker, lease).Released;
        Assert.True(await lease.Acquire());
        blocker.Tell("block");
        probe.FishForMessage<ChaosEvent>(e => e.What == "blocked");

        try
        {
            var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);

            Assert.Equal(ActorFate.Abandoned, report.For(blocker)!.Fate);
            Assert.True((await release.WaitAsync(Patience)).Released);
            Assert.True(Assert.Single(report.Leases).Released);
            Assert.False(unblock.IsSet);   // released while the handler still holds its thread
        }
        finally
        {
            unblock.Set();
        }
    }

    [Fact]
    public async Task Terminate_releases_the_lease_of_an_excluded_actor_and_the_report_waits_for_it()
    {
        var lease = Lease("metrics");
        var metrics = ActorOf(Props.Create(() => new Worker(null)), "metrics");
        ShutdownGuardian.Get(Sys).Exclude(metrics);
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(metrics, lease).Released;
        Assert.True(await lease.Acquire());

        await Sys.Terminate().WaitAsync(Patience);
        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown);

        // Excluded actors stop in the last phase; the phase waits for the release before the report is made.
        Assert.True(release.IsCompleted);
        var recorded = Assert.Single(report.Leases);
        Assert.Equal("/user/metrics", recorded.ActorPath);
        Assert.True(recorded.Released);
        var task = report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseActorSystemTerminate).Tasks.Single(t => t.Name == "release-leases");
        Assert.False(task.TimedOut);
    }

    [Fact]
    public async Task A_release_that_fails_is_recorded_with_its_failure_and_the_run_goes_on()
    {
        var lease = Lease("job");
        var worker = ActorOf(Props.Create(() => new Worker(null)), "worker");
        var release = ShutdownGuardian.Get(Sys).ReleaseOnStop(worker, lease).Released;
        Assert.True(await lease.Acquire());
        using var blocked = lease.Store.Block("job");

        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);

        var recorded = Assert.Single(report.Leases);
        Assert.False(recorded.Released);
        Assert.IsType<LeaseTimeoutException>(recorded.Failure);
        Assert.Same(recorded, await release.WaitAsync(Patience));
        Assert.Contains("release FAILED", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_lists_lease_releases_in_its_json_and_its_summary()
    {
        var lease = Lease("job");
        var worker = ActorOf(Props.Create(() => new Worker(null)), "worker");
        ShutdownGuardian.Get(Sys).ReleaseOnStop(worker, lease);
        Assert.True(await lease.Acquire());

        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Patience);

        using var json = JsonDocument.Parse(report.ToJson());
        var entry = Assert.Single(json.RootElement.GetProperty("leases").EnumerateArray());
        Assert.Equal("job", entry.GetProperty("lease").GetString());
        Assert.Equal("owner", entry.GetProperty("owner").GetString());
        Assert.Equal("/user/worker", entry.GetProperty("actor").GetString());
        Assert.True(entry.GetProperty("released").GetBoolean());
        Assert.True(entry.GetProperty("releasedAfterMs").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("failure").ValueKind);
        Assert.Contains("Leases released: 1", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("job (owner) with /user/worker: released", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_lease_is_told_to_the_actor_it_is_tied_to()
    {
        var lease = Lease("job");
        var probe = CreateTestProbe();
        var worker = ActorOf(Props.Create(() => new Worker(probe.Ref)), "worker");
        ShutdownGuardian.Get(Sys).ReleaseOnStop(worker, lease);
        var callback = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(reason => callback.TrySetResult(reason)));

        var cause = new InvalidOperationException("taken over");
        lease.LoseLease(cause);

        var lost = probe.ExpectMsg<LeaseLost>();
        Assert.Same(lease, lost.Lease);
        Assert.Same(cause, lost.Reason);
        Assert.Same(cause, await callback.Task.WaitAsync(Patience));
        Assert.False(lease.CheckLease());
    }

    [Fact]
    public void Tying_an_actor_of_another_system_is_refused()
    {
        using var other = new OtherSystem();
        var foreign = other.Sys.ActorOf(Props.Create(() => new Worker(null)), "foreign");

        Assert.Throws<ArgumentException>(() => ShutdownGuardian.Get(Sys).ReleaseOnStop(foreign, Lease("job")));
    }

    private TestLease Lease(string name) =>
        (TestLease)LeaseProvider.Get(Sys).GetLease(name, LeaseSettings.DefaultConfigPath, "owner");

    private sealed record Worked(int Item, bool HeldLease);

    private sealed class Worker : ReceiveActor
    {
        private readonly IActorRef? _probe;

        public Worker(IActorRef? probe)
        {
            _probe = probe;
            Receive<LeaseLost>(lost => probe?.Tell(lost));
        }

        protected override void PostStop() => _probe?.Tell("stopped");
    }

    private sealed class Journaling : ReceiveActor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<object> _journal;

        public Journaling(System.Collections.Concurrent.ConcurrentQueue<object> journal, Lease lease)
        {
            _journal = journal;
            Receive<int>(item => journal.Enqueue(new Worked(item, lease.CheckLease())));
        }

        protected override void PostStop() => _journal.Enqueue("stopped");
    }

    private sealed class OtherSystem() : TestKit.TestKit();
}
