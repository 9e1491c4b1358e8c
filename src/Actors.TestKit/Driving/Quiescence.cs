using System.Diagnostics;
using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// Waits until an actor system has nothing left to do before its clock moves: no mailbox run of its own queued or
/// running (but those blocked on purpose), no tripped token whose callbacks are still running, and no work item
/// waiting on the thread pool (a phase's continuation, a token callback about to tell an actor something). Stepping virtual time only once the system is quiet never
/// overtakes work still on its way, so a run with the same actors takes the same steps every time.
/// </summary>
internal static class Quiescence
{
    /// <summary>Quiet checks in a row that make the system settled.</summary>
    private const int QuietChecks = 3;

    /// <summary>How often a wait for the barrier looks up whether to give up.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits until <paramref name="system"/> has been quiet on <see cref="QuietChecks"/> checks in a row, each
    /// after a round trip through the thread pool's global queue, so whatever was queued before it has been taken.
    /// While work is still ending (the system's mailbox runs, or other work items) or waiting for a thread (a starved
    /// thread pool is slow, not stuck) it keeps waiting, up to <paramref name="bound"/>; it gives up once nothing at
    /// all has ended for <paramref name="stall"/> with nothing waiting (a thread blocked for good, outside the chaos
    /// actors).
    /// </summary>
    /// <returns>Whether the system settled.</returns>
    public static bool Settle(ActorSystem system, TimeSpan stall, TimeSpan bound)
    {
        var work = SystemWork.Of(system);
        var total = Stopwatch.StartNew();
        var stalled = Stopwatch.StartNew();
        var ended = work.Ended;
        var poolStart = ThreadPool.CompletedWorkItemCount;
        long barriers = 0, others = 0;
        using var barrier = new ManualResetEventSlim();
        for (var quiet = 0; quiet < QuietChecks;)
        {
            barrier.Reset();
            ThreadPool.UnsafeQueueUserWorkItem(static b => b.Set(), barrier, preferLocal: false);
            while (!barrier.Wait(Slice))
            {
                if (total.Elapsed >= bound || Stuck(stalled, stall)) return false;
            }
            barriers++;
            quiet = work.Busy <= 0 && TokenTrips.InFlight == 0 && ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;

            // Progress: a mailbox run of the system ended, or a work item other than the barriers did.
            var nowEnded = work.Ended;
            var nowOthers = ThreadPool.CompletedWorkItemCount - poolStart - barriers;
            if (nowEnded != ended || nowOthers > others) stalled.Restart();
            ended = nowEnded;
            others = Math.Max(others, nowOthers);
            if (quiet == 0 && (total.Elapsed >= bound || Stuck(stalled, stall))) return false;
        }
        return true;
    }

    /// <summary>
    /// Nothing has ended for <paramref name="stall"/> and no work item waits for a thread: what is still running is
    /// blocked. While items wait, the thread pool is starved, not stuck: it adds threads until they run.
    /// </summary>
    private static bool Stuck(Stopwatch stalled, TimeSpan stall) => stalled.Elapsed >= stall && ThreadPool.PendingWorkItemCount == 0;
}
