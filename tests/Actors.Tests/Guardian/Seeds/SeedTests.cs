using System.Globalization;
using System.Runtime.InteropServices;
using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Scenarios;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Seeds;

/// <summary>The source systems' scenarios (seeds 000, 001 and 003), replayed on the guardian in virtual time.</summary>
public sealed class SeedTests : ShutdownTestKit
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>How long (real time) the actors may take to start: a hang guard, polled often.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    private readonly ITestOutputHelper _output;
    private readonly Journal _journal;

    public SeedTests(ITestOutputHelper output) : base("""
        akka.shutdown-guardian.cancel-interval = 1s
        # The default cancel schedule (10 × 1 s + 2 s) and seed 003's 10 s of shielded work fit their phases.
        akka.coordinated-shutdown.phases.service-requests-done.timeout = 15s
        akka.coordinated-shutdown.phases.service-stop.timeout = 15s
        """, output)
    {
        _output = output;
        _journal = new Journal(Time);
        _journal.Listen(Sys);
    }

    /// <summary>
    /// Seed 000, cancel-all: 100 workers of random length (0.1–8 s), cancelled at 4 s; each cancelled one cleans up for
    /// a random time shorter than the cancel interval. Every worker finished or was cancelled by exactly one request,
    /// and every cancelled one completed its cleanup.
    /// </summary>
    [Fact]
    public async Task Seed_000_cancel_all_every_worker_finished_or_was_cancelled_once_and_completed_its_cleanup()
    {
        var random = new Random(20250101);
        var workers = Enumerable.Range(0, 100).Select(i =>
        {
            var length = Step * random.Next(1, 81);    // 0.1 s to 8 s
            var cleanup = Step * random.Next(1, 10);   // 0.1 s to 0.9 s, under the 1 s interval
            return (Ref: Sys.ActorOf(SeedWorker.Props(_journal, length, cleanup, Time), $"worker-{i}"), Length: length, Cleanup: cleanup);
        }).ToList();
        var finished = workers.Where(w => w.Length <= TimeSpan.FromSeconds(4)).ToList();
        var cancelled = workers.Except(finished).ToList();
        Assert.NotEmpty(finished);
        Assert.NotEmpty(cancelled);
        AwaitCondition(() => Seen("working").Count == workers.Count, Guard, Poll);
        var watcher = CreateTestProbe();
        foreach (var worker in finished) watcher.Watch(worker.Ref);

        Scheduler.Advance(TimeSpan.FromSeconds(4));
        // The finished ones are gone before the shutdown starts.
        var gone = watcher.ReceiveN(finished.Count).Cast<Terminated>().Select(t => t.ActorRef);
        Assert.Equal(Paths(finished.Select(w => w.Ref)), Paths(gone));
        var report = await RunFromScope(new SignalReason(PosixSignal.SIGINT));

        Assert.Equal(Paths(finished.Select(w => w.Ref)), Seen("finished").Select(s => s.Path).Order());
        Assert.All(finished, w => Assert.Null(report.For(w.Ref)));
        Assert.Equal(Paths(cancelled.Select(w => w.Ref)), Seen("cancel").Select(s => s.Path).Order());   // one Cancel each
        Assert.All(Seen("cancel"), s => Assert.Equal(1, s.Attempt));
        Assert.Equal(Paths(cancelled.Select(w => w.Ref)), Seen("cleanup-done").Select(s => s.Path).Order());
        Assert.Empty(Seen("cleanup-interrupted"));
        foreach (var w in cancelled)
        {
            var outcome = report.For(w.Ref)!;
            Assert.Equal((ActorFate.Stopped, 1, w.Cleanup), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        Assert.Equal(cancelled.Count, report.Actors.Count);
        Assert.True(report.Clean, report.ToString());
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed 000: {workers.Count} workers, {finished.Count} finished before 4 s, {cancelled.Count} cancelled; fates {string.Join(", ", report.Actors.CountBy(a => a.Fate).Select(f => $"{f.Key} {f.Value}"))}; " +
            $"attempts {string.Join(", ", report.Actors.CountBy(a => a.CancelAttempts).Select(a => $"{a.Key}×{a.Value}"))}; " +
            $"StoppedAfter {report.Actors.Min(a => a.StoppedAfter).TotalSeconds}–{report.Actors.Max(a => a.StoppedAfter).TotalSeconds} s, each its cleanup's length"));
    }

    /// <summary>
    /// Seed 001, force-cancel: a worker swallows the first cancel and starts a slow (5 s) cleanup; the second request,
    /// one cancel interval later, cuts it short.
    /// </summary>
    [Fact]
    public async Task Seed_001_force_cancel_the_second_attempt_cuts_the_cleanup_short()
    {
        var worker = Sys.ActorOf(SeedWorker.Props(_journal, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), Time), "worker");
        AwaitCondition(() => Seen("working").Count == 1, Guard, Poll);
        var t0 = Scheduler.Now;

        var report = await RunFromScope(new SignalReason(PosixSignal.SIGINT));

        Assert.Equal(
            [("working", 0, t0), ("tripped", 0, t0), ("cancel", 1, t0), ("cleanup-interrupted", 0, t0 + TimeSpan.FromSeconds(1)), ("stopped", 0, t0 + TimeSpan.FromSeconds(1))],
            _journal.Of(Journal.PathOf(worker)).Select(s => (s.What, s.Attempt, s.At)));
        var outcome = report.For(worker)!;
        Assert.Equal((ActorFate.Stopped, 2, TimeSpan.FromSeconds(1)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        Assert.True(report.Clean, report.ToString());
    }

    /// <summary>
    /// Seed 003, shielded: 3 shielded and 3 unshielded workers with 10 s of work each; on SIGINT the unshielded are
    /// cancelled at once, the shielded finish their work untouched and are drained at 10 s.
    /// </summary>
    [Fact]
    public async Task Seed_003_shielded_the_unshielded_are_cancelled_at_once_and_the_shielded_finish_their_work()
    {
        var shielded = Enumerable.Range(0, 3).Select(i => Sys.ActorOf(WorkerActor.Props(_journal, TimeSpan.FromSeconds(10), Time), $"shielded-{i}")).ToList();
        var plain = Enumerable.Range(0, 3).Select(i => Sys.ActorOf(WorkerActor.Props(_journal, TimeSpan.FromSeconds(10), Time), $"plain-{i}")).ToList();
        foreach (var worker in shielded) Guardian.Shield(worker);
        foreach (var worker in shielded.Concat(plain)) worker.Tell("work");
        AwaitCondition(() => Seen("working").Count == 6, Guard, Poll);
        var t0 = Scheduler.Now;

        var report = await RunFromScope(new SignalReason(PosixSignal.SIGINT));

        var ten = t0 + TimeSpan.FromSeconds(10);
        foreach (var worker in shielded)
        {
            var seen = _journal.Of(Journal.PathOf(worker)).Where(s => s.What != "started").ToList();
            Assert.Equal([("working", t0), ("finished", ten), ("stopped", ten)], seen.Select(s => (s.What, s.At)));
            Assert.False(seen[^1].Tripped);
            var outcome = report.For(worker)!;
            Assert.Equal((ActorFate.Drained, true, 0, TimeSpan.FromSeconds(10)), (outcome.Fate, outcome.Shielded, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        foreach (var worker in plain)
        {
            var seen = _journal.Of(Journal.PathOf(worker)).Where(s => s.What != "started");
            Assert.Equal([("working", t0), ("tripped", t0), ("cancel", t0), ("stopped", t0)], seen.Select(s => (s.What, s.At)));
            var outcome = report.For(worker)!;
            Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        Assert.Equal((PosixSignal.SIGINT, 0, true), (Assert.IsType<SignalReason>(report.Reason).Signal, report.ExitCode, report.Clean));
    }

    /// <summary>Runs the shutdown to its end, the clock held until the guardian has taken its scope (see <see cref="ScopeStart"/>).</summary>
    private Task<ShutdownReport> RunFromScope(CoordinatedShutdown.Reason reason)
    {
        ScopeStart.Begin(Sys, _journal, reason);
        return RunShutdown();
    }

    private List<Seen> Seen(string what) => [.. _journal.Seen.Where(s => s.What == what)];

    private static IEnumerable<string> Paths(IEnumerable<IActorRef> actors) => actors.Select(Journal.PathOf).Order();
}
