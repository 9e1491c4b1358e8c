using System.Runtime.ExceptionServices;
using ActorShutdown.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// Shuts a system down through ordered, time-bounded phases. Each phase runs its tasks
/// concurrently; phases run one after another in the order their <c>depends-on</c> settings give.
/// A run happens once, whatever starts it (a call to <see cref="Run"/>, a signal, the process
/// exiting, the host stopping), and ends with a <see cref="ShutdownReport"/>.
/// </summary>
/// <remarks>
/// <para>
/// When a phase times out, its unfinished tasks have their token cancelled and are not waited for.
/// A task that throws, faults or is cancelled, and a phase that times out, are logged once and
/// recorded in the report; if the phase has <c>recover = off</c>, the remaining phases are skipped
/// and the run faults with that error (a <see cref="TimeoutException"/> for a timeout).
/// </para>
/// <para>
/// With a deadline, each phase gets the smaller of its own timeout and what remains of the deadline,
/// less the share kept for <see cref="PhaseActorSystemTerminate"/> (the smaller of its own timeout
/// and a fifth of the deadline), which that phase gets even if a pause of the process has already
/// used up the deadline. A phase left with no time is cut short: its tasks do not run and
/// are recorded as timed out, and so is the phase — a timeout like any other, so <c>recover</c>
/// applies to it.
/// </para>
/// </remarks>
public sealed partial class CoordinatedShutdown
{
    /// <summary>The first default phase: before the service stops accepting requests.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>The service stops accepting new requests.</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>The requests in flight finish; by default the ShutdownGuardian cancels actors here.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>The service stops; by default shielded actors drain here.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>The last chance for work before the actor system terminates.</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>The actor system terminates. With a deadline, this phase always keeps its share of it.</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>The coordinated shutdown of <paramref name="system"/>.</summary>
    public static CoordinatedShutdown Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.CoordinatedShutdown;
    }

    private readonly IReadOnlyList<PhaseDefinition> _phases;
    private readonly Dictionary<string, int> _indexByName;
    private readonly PhaseBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<ShutdownReport> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly object _gate = new();
    private readonly List<PhaseTask>[] _tasks;   // by phase index; guarded by _gate
    private int _firstOpenPhase;                 // phases before it have started or will never run; guarded by _gate
    private RunStart? _start;                    // set once, under _gate; read without it
    private Func<IReadOnlyList<ActorOutcome>>? _actorOutcomes;
    private readonly List<LeaseRelease> _leaseReleases = [];   // guarded by itself

    /// <summary>Validates and orders the phases; the system creates this when it starts.</summary>
    /// <param name="phases">The phases from <c>actors.coordinated-shutdown.phases</c>, in declaration order.</param>
    /// <param name="deadline">
    /// <c>actors.coordinated-shutdown.deadline</c>: the most a whole run may take; null (or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>) for none.
    /// </param>
    /// <param name="time">The system's clock; phase timeouts and report times come from it.</param>
    /// <param name="logger">Gets phase starts and ends, and each failure or timeout once.</param>
    /// <exception cref="ConfigurationException">
    /// A phase is invalid, depends on an unknown phase, or the dependencies form a cycle; or the deadline is not positive.
    /// </exception>
    internal CoordinatedShutdown(IReadOnlyList<PhaseDefinition> phases, TimeSpan? deadline, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (deadline == System.Threading.Timeout.InfiniteTimeSpan) deadline = null;
        if (deadline <= TimeSpan.Zero)
            throw new ConfigurationException($"The coordinated shutdown deadline is {deadline}; it must be positive");
        _phases = PhaseOrder.Of(phases);
        _indexByName = _phases.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _tasks = _phases.Select(_ => new List<PhaseTask>()).ToArray();
        _budget = new PhaseBudget(_phases, deadline);
        _time = time;
        _logger = logger;
        OrderedPhases = _phases.Select(p => p.Name).ToList();
    }

    /// <summary>The reason of the run, given by the first call to <see cref="Run"/>; null before.</summary>
    public ShutdownReason? Reason => Volatile.Read(ref _start)?.Reason;

    /// <summary>
    /// The phase names in the order they run: each after the phases it depends on, and, among the
    /// phases whose dependencies have all run, the one declared first in config first.
    /// </summary>
    public IReadOnlyList<string> OrderedPhases { get; }

    /// <summary>
    /// The most a whole run can take: the sum of the phase timeouts (infinite if any is), or the
    /// deadline when that is smaller.
    /// </summary>
    public TimeSpan TotalTimeout => _budget.Total;

    /// <summary>
    /// The <see cref="TimeProvider.GetTimestamp"/> at which <see cref="Run"/> was first called; null
    /// before. The ShutdownGuardian measures <see cref="ActorOutcome.StoppedAfter"/> from it.
    /// </summary>
    internal long? StartTimestamp => Volatile.Read(ref _start)?.Timestamp;

    /// <summary>Completes when the run ends, as <see cref="Run"/>'s task does; never completes if nothing runs it.</summary>
    internal Task<ShutdownReport> Completion => _completion.Task;

    /// <summary>The configured timeout of a phase (before any deadline cuts it).</summary>
    /// <param name="phase">The phase name.</param>
    /// <exception cref="ConfigurationException">There is no such phase.</exception>
    public TimeSpan Timeout(string phase) => _phases[IndexOf(phase)].Timeout;

    /// <summary>
    /// Adds a task to a phase. Tasks of a phase run concurrently; the token is cancelled when the
    /// phase times out. A task added after its phase started, or to a phase the run skips, does not
    /// run; a warning is logged. Names may repeat.
    /// </summary>
    /// <param name="phase">The phase name, one of <see cref="OrderedPhases"/>.</param>
    /// <param name="taskName">A name for logs and the report.</param>
    /// <param name="task">The work.</param>
    /// <returns>A handle whose disposal removes the task, if its phase has not started yet.</returns>
    /// <exception cref="ArgumentException">A name is null or empty, or <paramref name="task"/> is null.</exception>
    /// <exception cref="ConfigurationException">There is no such phase; the message lists the phases there are.</exception>
    public IDisposable AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        var added = new PhaseTask(IndexOf(phase), taskName, task, Remove);
        bool tooLate;
        lock (_gate)
        {
            tooLate = added.PhaseIndex < _firstOpenPhase;
            if (!tooLate) _tasks[added.PhaseIndex].Add(added);
        }
        if (tooLate) ShutdownLog.TaskAddedTooLate(_logger, taskName, phase);
        return added;
    }

    /// <summary>
    /// Runs the shutdown, once. Every call, from any thread, returns the same task; the first call's
    /// reason is the run's reason and later ones are ignored. The phases run on the thread pool,
    /// never on the caller's thread. The task completes with the report, or faults with the error of
    /// a phase that does not recover (a <see cref="TimeoutException"/> for a timeout).
    /// </summary>
    /// <param name="reason">Why the system shuts down.</param>
    /// <param name="fromPhase">The phase to start from, skipping those before it; null for the first.</param>
    /// <exception cref="ConfigurationException">
    /// <paramref name="fromPhase"/> is not a phase. Thrown by every call, before anything runs: a
    /// wrong name is a programming error, not a shutdown outcome.
    /// </exception>
    public Task<ShutdownReport> Run(ShutdownReason reason, string? fromPhase = null)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var from = fromPhase is null ? 0 : IndexOf(fromPhase);
        RunStart start;
        lock (_gate)
        {
            if (_start is not null) return _completion.Task;
            start = new RunStart(reason, _time.GetUtcNow(), _time.GetTimestamp());
            Volatile.Write(ref _start, start);
            _firstOpenPhase = from;
        }
        // The run belongs to no caller: whatever ambient state the first caller carries (an actor's
        // context, a request's logging scope) must not leak into every phase task.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => RunOnceAsync(start, from));
        return _completion.Task;
    }

    /// <summary>
    /// Where the report gets its actor outcomes: the ShutdownGuardian sets it once, and it is read
    /// when the last phase has ended. Without it the report lists no actors.
    /// </summary>
    /// <exception cref="InvalidOperationException">A source has already been set.</exception>
    internal void SetActorOutcomeSource(Func<IReadOnlyList<ActorOutcome>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Interlocked.CompareExchange(ref _actorOutcomes, source, null) is not null)
            throw new InvalidOperationException("The actor outcome source of the coordinated shutdown is already set");
    }

    /// <summary>
    /// Records a lease released during the run (by <c>ReleaseOnStop</c> in <c>ActorShutdown.Coordination</c>);
    /// the report lists the releases recorded before its last phase ended.
    /// </summary>
    internal void RecordLeaseRelease(LeaseRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        lock (_leaseReleases) _leaseReleases.Add(release);
    }

    private async Task RunOnceAsync(RunStart start, int from)
    {
        try
        {
            var report = await RunPhasesAsync(start, from).ConfigureAwait(false);
            ShutdownMetrics.RecordShutdown(report.Duration, start.Reason, report.Clean);
            ShutdownLog.ShutdownFinished(_logger, report.Duration.TotalMilliseconds, report.ExitCode, report.Clean);
            _completion.SetResult(report);
        }
        catch (Exception e)
        {
            // Any error ends the run: it goes to the run's task, which every caller of Run awaits.
            ShutdownMetrics.RecordShutdown(_time.GetElapsedTime(start.Timestamp), start.Reason, clean: false);
            // Through the completion source, so the run faults even when the error is a cancellation.
            _completion.SetException(e);
        }
    }

    private async Task<ShutdownReport> RunPhasesAsync(RunStart start, int from)
    {
        var outcomes = new List<PhaseOutcome>();
        ShutdownLog.ShutdownStarting(_logger, start.Reason.Name, from < _phases.Count ? _phases[from].Name : "(none)");
        try
        {
            for (var i = from; i < _phases.Count; i++)
            {
                var phase = _phases[i];
                var tasks = StartPhase(i);
                Volatile.Write(ref _currentPhase, phase.Name);
                // Once cut short (by a host that can wait no longer), the phases left get no time; the last
                // one still starts its tasks, so that the system terminates.
                var cut = IsCutShort;
                var limit = cut ? TimeSpan.Zero : _budget.Limit(i, _time.GetElapsedTime(start.Timestamp));
                var outcome = limit == TimeSpan.Zero && !(cut && RunsWhenCutShort(phase))
                    ? PhaseRunner.CutShort(phase.Name, tasks, _logger)
                    : await PhaseRunner.RunAsync(phase.Name, tasks, limit == TimeSpan.Zero ? System.Threading.Timeout.InfiniteTimeSpan : limit,
                        _time, _logger, CutShortSignal).ConfigureAwait(false);
                outcomes.Add(outcome);
                if (!phase.Recover && PhaseRunner.Failure(outcome, limit) is { } failure)
                {
                    ShutdownLog.ShutdownAborted(_logger, phase.Name, OrderedPhases.Skip(i + 1));
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }
        finally
        {
            // Whether the run completed or failed, no phase will start any more.
            lock (_gate) _firstOpenPhase = _phases.Count;
            Volatile.Write(ref _currentPhase, null);
        }
        var actors = _actorOutcomes?.Invoke() ?? [];
        LeaseRelease[] leases;
        lock (_leaseReleases) leases = [.. _leaseReleases];
        return new ShutdownReport(start.Reason, start.At, _time.GetElapsedTime(start.Timestamp), outcomes, actors, leases);
    }

    /// <summary>Closes the phase to new tasks and takes the tasks it has.</summary>
    private PhaseTask[] StartPhase(int index)
    {
        lock (_gate)
        {
            _firstOpenPhase = index + 1;
            return _tasks[index].ToArray();
        }
    }

    private void Remove(PhaseTask task)
    {
        lock (_gate) _tasks[task.PhaseIndex].Remove(task);
    }

    /// <summary>What the first call to <see cref="Run"/> fixed: why, and when by both clocks of the time provider.</summary>
    private sealed record RunStart(ShutdownReason Reason, DateTimeOffset At, long Timestamp);

    private int IndexOf(string phase) =>
        _indexByName.TryGetValue(phase, out var index)
            ? index
            : throw new ConfigurationException(
                $"Unknown coordinated shutdown phase '{phase}'; the phases are: {string.Join(", ", OrderedPhases)}");
}
