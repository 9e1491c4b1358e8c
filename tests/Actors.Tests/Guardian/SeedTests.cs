using System.Runtime.InteropServices;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The source systems' scenarios, replayed on the guardian in manual time.</summary>
public sealed class SeedTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// cancel-all: 100 workers of random length, cancelled after 4 s; each cancelled worker runs a cleanup of random
    /// length (shorter than the cancel interval). Every worker either finished or was cancelled, and every cancelled
    /// one completed its cleanup.
    /// </summary>
    [Fact]
    public void Cancel_all_every_worker_finished_or_was_cancelled_and_cleanup_always_ran()
    {
        var random = new Random(20250101);
        var probe = new Recorder();
        var workers = Enumerable.Range(0, 100).Select(i =>
        {
            var length = Step * random.Next(1, 81);    // 0.1 s to 8 s
            var cleanup = Step * random.Next(1, 9);    // 0.1 s to 0.8 s
            return (Ref: ActorOf(Props.Create(() => new SeedWorker(probe, length, cleanup)), $"worker-{i}"), Length: length, Cleanup: cleanup);
        }).ToList();
        var finished = workers.Where(w => w.Length <= TimeSpan.FromSeconds(4)).ToList();
        var cancelled = workers.Except(finished).ToList();
        Assert.NotEmpty(finished);
        Assert.NotEmpty(cancelled);
        Settle();
        for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(4); t += Step) Advance(Step);
        var early = probe.ReceiveN(finished.Count).Cast<Seen>().ToList();
        Settle();

        var run = Begin(ShutdownReason.Signal(PosixSignal.SIGINT));
        // Each job ends on its tripped token; then the Cancel starts its cleanup. Wait for all of them before the clock moves.
        var cancels = probe.ReceiveN(cancelled.Count).Cast<Seen>().ToList();
        var report = RunToEnd(run, Step);
        var cleanups = probe.ReceiveN(cancelled.Count).Cast<Seen>().ToList();

        Assert.Equal(finished.Select(w => w.Ref.Path.ToString()).Order(), early.Where(e => e.What == "finished").Select(e => e.Path).Order());
        Assert.All(finished, w => Assert.Null(report.For(w.Ref)));   // gone before the shutdown
        Assert.Equal(cancelled.Select(w => w.Ref.Path.ToString()).Order(), cancels.Where(e => e.What == "cancel").Select(e => e.Path).Order());
        Assert.Equal(cancelled.Select(w => w.Ref.Path.ToString()).Order(), cleanups.Where(e => e.What == "cleanup-done").Select(e => e.Path).Order());
        foreach (var w in cancelled)
        {
            var outcome = report.For(w.Ref)!;
            Assert.Equal((ActorFate.Stopped, 1, w.Cleanup), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        Assert.Equal(cancelled.Count, report.Actors.Count);
        Assert.True(report.Clean, report.ToString());
    }

    /// <summary>force-cancel: a worker swallows the first cancel and starts a slow cleanup; the second request ends it.</summary>
    [Fact]
    public void Force_cancel_the_worker_ends_after_exactly_two_attempts()
    {
        var probe = new Recorder();
        var worker = Start(Props.Create(() => new SeedWorker(probe, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5))), "worker");
        var t0 = Now;

        var run = Begin(ShutdownReason.Signal(PosixSignal.SIGINT));
        var events = new List<Seen> { Next(probe) };
        Advance(TimeSpan.FromSeconds(1), armed: 3);   // the phase's timeout, the guardian's timer, the cleanup
        events.Add(Next(probe));
        var report = Ended(run);

        Assert.Equal([("cancel", 1, t0), ("cleanup-interrupted", 0, t0 + TimeSpan.FromSeconds(1))], events.Select(e => (e.What, e.Attempt, e.At)));
        var outcome = report.For(worker)!;
        Assert.Equal((ActorFate.Stopped, 2, TimeSpan.FromSeconds(1)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
    }

    /// <summary>shielded: 3 shielded and 3 unshielded 10 s workers; on SIGINT the unshielded are cancelled, the shielded finish.</summary>
    [Fact]
    public void Shielded_the_unshielded_are_cancelled_and_the_shielded_finish_their_work()
    {
        var probe = new Recorder();
        var shielded = Enumerable.Range(0, 3).Select(i => ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(10)), $"shielded-{i}")).ToList();
        var plain = Enumerable.Range(0, 3).Select(i => ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(10)), $"plain-{i}")).ToList();
        foreach (var worker in shielded.Concat(plain)) worker.Tell("work");
        foreach (var worker in shielded) Guardian.Shield(worker);
        Settle();
        var t0 = Now;

        var run = Begin(ShutdownReason.Signal(PosixSignal.SIGINT));
        // Each plain one at once: tripped, cancel, stopped. Then each shielded one at 10 s: finished, stopped.
        var plainEvents = probe.ReceiveN(3 * 3);
        var report = RunToEnd(run, TimeSpan.FromSeconds(1));
        var events = plainEvents.Concat(probe.ReceiveN(3 * 2)).Cast<Seen>().ToLookup(e => e.Path);
        foreach (var worker in shielded)
        {
            var seen = events[worker.Path.ToString()].ToList();
            Assert.Equal([("finished", t0 + TimeSpan.FromSeconds(10)), ("stopped", t0 + TimeSpan.FromSeconds(10))], seen.Select(e => (e.What, e.At)));
            Assert.False(seen[1].Tripped || seen[1].Cancelled);
            Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(10)), (report.For(worker)!.Fate, report.For(worker)!.CancelAttempts, report.For(worker)!.StoppedAfter));
        }
        foreach (var worker in plain)
        {
            Assert.Equal([("tripped", t0), ("cancel", t0), ("stopped", t0)], events[worker.Path.ToString()].Select(e => (e.What, e.At)));
            Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), (report.For(worker)!.Fate, report.For(worker)!.CancelAttempts, report.For(worker)!.StoppedAfter));
        }
        Assert.Equal((0, true, "SIGINT"), (report.ExitCode, report.Clean, report.Reason.Name));
    }

    /// <summary>
    /// Works for <c>length</c>, then reports "finished" and stops. Cancelled, it runs a cleanup of <c>cleanup</c> on the
    /// (fresh) token of its Cancel: "cleanup-done" and stop, or "cleanup-interrupted" when the next request cuts it short.
    /// </summary>
    private sealed class SeedWorker : ReceiveActor
    {
        public SeedWorker(IActorRef probe, TimeSpan length, TimeSpan cleanup)
        {
            ReceiveAsync<string>(async _ =>
            {
                try
                {
                    await Task.Delay(length, Context.System.Time, Context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;   // the Cancel comes next
                }
                Report(probe, "finished");
                Context.Stop(Self);
            });
            ReceiveAsync<Cancel>(async c =>
            {
                Report(probe, "cancel", c.Attempt);
                try
                {
                    await Task.Delay(cleanup, Context.System.Time, Context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Report(probe, "cleanup-interrupted");
                    throw;   // giving up: the actor is stopped
                }
                Report(probe, "cleanup-done");
                Context.Stop(Self);
            });
        }

        protected override void PreStart() => Self.Tell("work");

        private void Report(IActorRef probe, string what, int attempt = 0) =>
            probe.Tell(new Seen(Self.Path.ToString(), what, Context.System.Time.GetUtcNow(), attempt));
    }
}
