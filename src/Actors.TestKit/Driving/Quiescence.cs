using System.Diagnostics;
using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// Waits until an actor system has nothing left to do before its clock moves: no mailbox run of its own queued or
/// running (but those blocked on purpose), and no work item waiting on the thread pool (a phase's continuation, a
/// token callback about to tell an actor something). Stepping virtual time only once the system is quiet never
/// overtakes work still on its way, so a run with the same actors takes the same steps every time.
/// </summary>
internal static class Quiescence
{
    /// <summary>Quiet checks in a row that make the system settled.</summary>
    private const int QuietChecks = 3;

    /// <summary>
    /// Waits until <paramref name="system"/> has been quiet on <see cref="QuietChecks"/> checks in a row, each
    /// after a round trip through the thread pool's global queue, so whatever was queued before it has been
    /// taken. Gives up after <paramref name="limit"/> of real time (an actor spinning, or other tests keeping the
    /// thread pool busy): the caller then moves on as if it were quiet.
    /// </summary>
    /// <returns>Whether the system settled.</returns>
    public static bool Settle(ActorSystem system, TimeSpan limit)
    {
        var work = SystemWork.Of(system);
        var clock = Stopwatch.StartNew();
        using var barrier = new ManualResetEventSlim();
        for (var quiet = 0; quiet < QuietChecks;)
        {
            barrier.Reset();
            ThreadPool.UnsafeQueueUserWorkItem(static b => b.Set(), barrier, preferLocal: false);
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero || !barrier.Wait(left)) return false;
            quiet = work.Busy <= 0 && ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
        }
        return true;
    }
}
