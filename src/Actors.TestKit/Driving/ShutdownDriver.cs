using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>
/// Moves a <see cref="TestScheduler"/> through a coordinated shutdown: waits until the system is quiet, then
/// advances the clock to the next scheduled item (at most <see cref="MaxStep"/>), and again, until the run ends.
/// Every timer fires at its own time and what it sets off happens before the clock moves on, so a run with the same
/// actors takes the same steps every time.
/// </summary>
internal sealed class ShutdownDriver(ActorSystem system, TestScheduler scheduler, TerminatePhaseWatch terminate, PhaseTracker phases)
{
    /// <summary>The longest single move of the clock when nothing is due sooner.</summary>
    private static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(1);

    /// <summary>How long the system may make no progress at all before the clock moves on anyway (a thread blocked for good).</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest the clock waits for Akka in one phase while no known task of that phase waits on anything of its
    /// own: a phase whose own (Akka's) tasks wait on the clock would otherwise never end.
    /// </summary>
    private static readonly TimeSpan TransitionLimit = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait in real time when the clock may not move yet.</summary>
    private static readonly TimeSpan RealTimeStep = TimeSpan.FromMilliseconds(20);

    /// <summary>Drives the clock until <paramref name="finished"/> completes or <paramref name="bound"/> of real time has passed.</summary>
    /// <returns>Whether <paramref name="finished"/> completed.</returns>
    public bool Drive(Task finished, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var transition = Stopwatch.StartNew();
        string? awaitedPhase = null;
        while (!finished.IsCompleted)
        {
            var left = bound - clock.Elapsed;
            if (left <= TimeSpan.Zero) return false;
            Quiescence.Settle(system, SettleLimit, left);   // or it is stuck: the clock moves on all the same
            if (finished.IsCompleted) break;
            // Akka calls a phase's tasks, starts the next phase and ends the run in continuations the quiet checks may
            // miss on a busy machine: no virtual time passes while it does. The limit is for one phase that waits on
            // the clock, not for the whole run: on a starved thread pool Akka's passage through several phases
            // with nothing to do can take longer than the limit, and each phase it starts is progress.
            var awaiting = phases.AwaitingAkka;
            var phase = phases.CurrentPhase;
            if (!awaiting || phase != awaitedPhase) transition.Restart();
            awaitedPhase = phase;
            if (awaiting && transition.Elapsed < TransitionLimit)
            {
                Task.WaitAny([finished], TimeSpan.FromMilliseconds(1));
                continue;
            }

            var now = scheduler.Now;
            var next = SchedulerQueue.NextDue(scheduler);
            var target = Earliest(next is { } due && due > now ? due : now, now + MaxStep, terminate.Limit);
            if (next is null || (target <= now && next > now))
            {
                // Nothing waits on the clock, or it may not move yet: only real time or real events move the run.
                Task.WaitAny([finished], RealTimeStep);
                continue;
            }
            scheduler.AdvanceTo(target > now ? target : now);   // fires what is due by then
        }
        return true;
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c)
    {
        var ab = a < b ? a : b;
        return ab < c ? ab : c;
    }
}
