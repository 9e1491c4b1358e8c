using System.Diagnostics;
using Akka;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Follows a coordinated shutdown run through Akka's phases. Akka tells nobody when a phase starts, so a marker task
/// added to every phase records it (a marker completes at once and delays nothing). From the markers come the
/// run's start, each phase's duration and whether it timed out, the phase <see cref="ShutdownGuardian.Progress"/>
/// shows, and the deadline's start; <see cref="RunEnded"/> fires once, when Akka's run completes or the deadline
/// passes, whichever is first (or when the system terminates without a run).
/// </summary>
internal sealed class PhaseTracker
{
    internal const string MarkerName = "shutdown-guardian-phase-marker";

    private readonly ExtendedActorSystem _system;
    private readonly CoordinatedShutdown _shutdown;
    private readonly IReadOnlyList<string> _phases;
    private readonly TimeSpan? _deadline;
    private readonly Lock _lock = new();
    private readonly long?[] _starts;
    private readonly List<PhaseTask> _tasks = [];
    private readonly Activity?[] _activities;
    private readonly int _terminatePhase;
    private Activity? _runActivity;
    private int _current = -1;
    private long _runStart;
    private long? _runEnd;
    private int _ended;

    public PhaseTracker(ExtendedActorSystem system, CoordinatedShutdown shutdown, IReadOnlyList<string> phases, TimeSpan? deadline)
    {
        _system = system;
        _shutdown = shutdown;
        _phases = phases;
        _deadline = deadline;
        _starts = new long?[phases.Count];
        _activities = new Activity?[phases.Count];
        _terminatePhase = phases.ToList().IndexOf(CoordinatedShutdown.PhaseActorSystemTerminate);
        for (var i = 0; i < phases.Count; i++)
        {
            var index = i;
            shutdown.AddTask(phases[i], MarkerName, () =>
            {
                Enter(index);
                return Task.FromResult(Done.Instance);
            });
        }
    }

    /// <summary>Fires once when the run is over: Akka's run completed (false) or the deadline passed (true).</summary>
    public event Action<bool>? RunEnded;

    /// <summary>The phase running now; null before and after the run.</summary>
    public string? CurrentPhase
    {
        get
        {
            lock (_lock) return _current < 0 || _runEnd is not null ? null : _phases[_current];
        }
    }

    /// <summary>
    /// Whether, as far as the tasks added here can tell, the run waits on Akka itself: it is running and none of the
    /// current phase's tasks is waiting on something of its own (they are done, or Akka has not called them yet), so
    /// Akka is about to call them, to start the next phase or to end the run — on the thread pool, in continuations no
    /// actor or timer shows. A driver of virtual time lets them happen before it moves the clock.
    /// </summary>
    public bool AwaitingAkka
    {
        get
        {
            lock (_lock)
            {
                if (_current < 0 || _runEnd is not null) return false;
                var phase = _phases[_current];
                return !_tasks.Any(t => t.Phase == phase && t.Waiting);
            }
        }
    }

    /// <summary>When the run started (scheduler ticks); 0 before.</summary>
    public long RunStart
    {
        get { lock (_lock) return _runStart; }
    }

    public IScheduler Scheduler => _system.Scheduler;

    /// <summary>Adds a task with a token to <paramref name="phase"/>.</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">The phase is not in <c>akka.coordinated-shutdown.phases</c>.</exception>
    public PhaseTask AddTask(string phase, string name, Func<CancellationToken, Task> task)
    {
        if (!_phases.Contains(phase))
            throw new Akka.Configuration.ConfigurationException($"Unknown phase [{phase}] for the task [{name}]: it is not in akka.coordinated-shutdown.phases (known: {string.Join(", ", _phases)}).");
        var added = new PhaseTask(phase, name, task, _system.Scheduler, _shutdown.Timeout(phase));
        _shutdown.AddTask(phase, name, added.Run);
        lock (_lock) _tasks.Add(added);
        return added;
    }

    private void Enter(int index)
    {
        bool first;
        lock (_lock)
        {
            if (_starts[index] is not null) return;   // entered already (SystemTerminated came first)
            var now = Scheduler.Now.UtcTicks;
            first = _runStart == 0;
            if (first) _runStart = now;
            _starts[index] = now;
            if (_current >= 0) EndActivity(_current, now);
            _current = index;
        }
        if (first)
        {
            _runActivity = ShutdownTelemetry.Source.StartActivity("shutdown");
            _runActivity?.SetTag("reason", _shutdown.ShutdownReason?.ToString());
            // The run has started, so Run returns its task whatever the reason given here (the first one wins).
            // Synchronously: the run ends at the moment Akka's task completes, not when a thread gets to it.
            _ = _shutdown.Run(CoordinatedShutdown.UnknownReason.Instance).ContinueWith(
                _ => End(deadlinePassed: false), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (_deadline is { } deadline) Scheduler.Advanced.ScheduleOnce(deadline, () => DeadlineDue(deadline));
        }
        _activities[index] = ShutdownTelemetry.Source.StartActivity(_phases[index]);
    }

    /// <summary>
    /// The deadline's scheduled action. Akka's scheduler also runs every outstanding action, early, when the system
    /// terminates (HashedWheelTimerScheduler.Dispose): then the run is ending on its own and its completion ends it, so
    /// an action that comes well before its time is not the deadline (the tolerance covers the scheduler's ticks).
    /// </summary>
    private void DeadlineDue(TimeSpan deadline)
    {
        if (TimeSpan.FromTicks(Scheduler.Now.UtcTicks - RunStart) + TimeSpan.FromMilliseconds(100) >= deadline) End(deadlinePassed: true);
    }

    /// <summary>
    /// The actor system terminated: the run is over even if Akka's run task is still finishing, or if no run ever
    /// started (<c>run-by-actor-system-terminate = off</c>), so nobody awaiting the report waits for ever.
    /// </summary>
    /// <remarks>
    /// With <c>run-by-actor-system-terminate = on</c>, a system terminates during a run only from Akka's own task in
    /// <c>actor-system-terminate</c>, which Akka calls before the marker of that phase (it was added first): on a busy
    /// machine the termination can be seen before the marker runs. The phase has started all the same.
    /// </remarks>
    public void SystemTerminated()
    {
        if (_system.Settings.CoordinatedShutdownRunByActorSystemTerminate && RunStart != 0 && _terminatePhase >= 0)
            Enter(_terminatePhase);
        End(deadlinePassed: false);
    }

    private void End(bool deadlinePassed)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        PhaseTask[] tasks;
        lock (_lock)
        {
            var now = Scheduler.Now.UtcTicks;
            _runEnd = now;
            if (_current >= 0) EndActivity(_current, now);
            tasks = [.. _tasks];
        }
        List<PhaseTask> cut = deadlinePassed ? [.. tasks.Where(t => t.MarkCut(deadline: true))] : [];
        _runActivity?.Dispose();
        RunEnded?.Invoke(deadlinePassed);
        // After the report is made: it says what ran at the deadline, not how the tasks and actors reacted to it.
        foreach (var task in cut) task.CancelToken();
    }

    private void EndActivity(int index, long now)
    {
        if (_starts[index] is { } start)
            ShutdownTelemetry.PhaseDuration.Record(TimeSpan.FromTicks(now - start).TotalSeconds, new KeyValuePair<string, object?>("phase", _phases[index]));
        _activities[index]?.Dispose();
        _activities[index] = null;
    }

    /// <summary>
    /// The phases that ran, in Akka's order, as of <paramref name="now"/>: each lasts until the next one started (or
    /// the run ended); it timed out when one of the tasks added here timed out (or, with none, when it took its whole
    /// timeout), or when the deadline cut it short.
    /// </summary>
    public IReadOnlyList<PhaseOutcome> Outcomes(long now, bool deadlinePassed)
    {
        lock (_lock)
        {
            var outcomes = new List<PhaseOutcome>();
            for (var i = 0; i < _phases.Count; i++)
            {
                if (_starts[i] is not { } start) continue;
                long? next = null;
                for (var j = i + 1; j < _phases.Count && next is null; j++) next = _starts[j];
                var end = next ?? _runEnd ?? now;
                var duration = TimeSpan.FromTicks(Math.Max(0, end - start));
                var tasks = _tasks.Where(t => t.Phase == _phases[i] && t.Ran).Select(t => t.Outcome(now)).ToList();
                var cutByDeadline = deadlinePassed && next is null;
                // A task added here has its own timer for the phase's timeout, started with Akka's: exact. A phase with
                // none (Akka's own tasks only) can only be judged by how long it took.
                var timedOut = cutByDeadline || (tasks.Count > 0 ? tasks.Any(t => t.TimedOut) : duration >= _shutdown.Timeout(_phases[i]));
                outcomes.Add(new PhaseOutcome(_phases[i], duration, timedOut, tasks));
            }
            return outcomes;
        }
    }
}
