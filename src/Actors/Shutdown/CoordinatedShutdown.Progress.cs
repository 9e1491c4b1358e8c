using ActorShutdown.Configuration;

namespace ActorShutdown;

// What a host needs beyond starting the run: the plan (TaskNames), a view of the run while it goes
// (GetProgress), and a way to end it early when the host itself can wait no longer (CutShort).
public sealed partial class CoordinatedShutdown
{
    private readonly TaskCompletionSource _cutShort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _currentPhase;
    private Func<ShutdownProgress, ShutdownProgress>? _actorProgress;

    /// <summary>
    /// A snapshot of the run: its reason, the phase running now, the time since it started and, from
    /// the <see cref="ShutdownGuardian"/>, how many actors are left and how many cancel requests have
    /// been sent. Cheap enough to poll a few times a second; safe from any thread.
    /// </summary>
    public ShutdownProgress GetProgress()
    {
        var start = Volatile.Read(ref _start);
        var progress = new ShutdownProgress(
            start?.Reason, Volatile.Read(ref _currentPhase),
            start is null ? TimeSpan.Zero : _time.GetElapsedTime(start.Timestamp),
            _completion.Task.IsCompleted, 0, 0, 0, 0);
        return _actorProgress is { } fill ? fill(progress) : progress;
    }

    /// <summary>
    /// The names of the tasks added to a phase so far, in the order they were added (names may repeat).
    /// Once the phase has started, the tasks it ran. For showing a shutdown plan.
    /// </summary>
    /// <param name="phase">The phase name, one of <see cref="OrderedPhases"/>.</param>
    /// <exception cref="ConfigurationException">There is no such phase.</exception>
    public IReadOnlyList<string> TaskNames(string phase)
    {
        var index = IndexOf(phase);
        lock (_gate) return _tasks[index].Select(t => t.Name).ToArray();
    }

    /// <summary>Whether <see cref="CutShort"/> has been called.</summary>
    internal bool IsCutShort => _cutShort.Task.IsCompleted;

    private Task CutShortSignal => _cutShort.Task;

    /// <summary>
    /// Ends the run as soon as possible, as if its deadline had passed now: the running phase ends at once
    /// (its unfinished tasks are recorded as timed out and their token is cancelled), and every later phase
    /// is cut short, except <see cref="PhaseActorSystemTerminate"/>, whose tasks start with their token
    /// cancelled at once — so the system still terminates, abandoning the actors that do not stop right away.
    /// The report is not clean. Used by a host whose own shutdown time has run out. No effect once the run
    /// has ended; before a run starts, that run will be cut short from its first phase.
    /// </summary>
    internal void CutShort()
    {
        if (!_cutShort.TrySetResult() || _completion.Task.IsCompleted) return;
        ShutdownLog.RunCutShort(_logger, Volatile.Read(ref _currentPhase) ?? "(none yet)", PhaseActorSystemTerminate);
    }

    /// <summary>Where <see cref="GetProgress"/> gets its actor counts: the ShutdownGuardian sets it once.</summary>
    internal void SetProgressSource(Func<ShutdownProgress, ShutdownProgress> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Interlocked.CompareExchange(ref _actorProgress, source, null) is not null)
            throw new InvalidOperationException("The progress source of the coordinated shutdown is already set");
    }

    private static bool RunsWhenCutShort(PhaseDefinition phase) => phase.Name == PhaseActorSystemTerminate;
}
