using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>
/// Notes when <c>actor-system-terminate</c> starts, in real and in virtual time. Akka times that phase out only
/// once its timeout has passed in real time as well (it checks a real-time deadline when the scheduled timeout
/// fires), so while it runs the kit must not move virtual time ahead of real time, or the timeout would fire early
/// and be ignored for good.
/// </summary>
internal sealed class TerminatePhaseWatch
{
    private long _startedAt;     // Stopwatch timestamp; 0 until the phase starts
    private DateTimeOffset _virtualStart;

    /// <summary>A watch on <paramref name="system"/>'s coordinated shutdown: a task of its own in the phase marks the start.</summary>
    public static TerminatePhaseWatch Start(ActorSystem system, TestScheduler scheduler)
    {
        var watch = new TerminatePhaseWatch();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "shutdown-testkit-real-time", () =>
        {
            watch._virtualStart = scheduler.Now;
            Interlocked.Exchange(ref watch._startedAt, Stopwatch.GetTimestamp());
            return Task.FromResult(Done.Instance);
        });
        return watch;
    }

    /// <summary>
    /// How far virtual time may go now: no later than the phase's virtual start plus the real time it has run;
    /// unbounded before the phase starts.
    /// </summary>
    public DateTimeOffset Limit
    {
        get
        {
            var startedAt = Interlocked.Read(ref _startedAt);
            return startedAt == 0 ? DateTimeOffset.MaxValue : _virtualStart + Stopwatch.GetElapsedTime(startedAt);
        }
    }
}
