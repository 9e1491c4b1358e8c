using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>Runs the tasks of one phase, all at once, within the phase's time limit.</summary>
internal static class PhaseRunner
{
    /// <summary>
    /// Starts every task and waits until they have all ended or <paramref name="limit"/> has passed.
    /// On timeout, the unfinished tasks are recorded as timed out, their token is cancelled, and they
    /// are not waited for any further. Never throws for a task's failure: failures are in the outcome.
    /// </summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="tasks">The tasks, in the order they were added.</param>
    /// <param name="limit">A positive time limit, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="time">The clock for the limit and the durations.</param>
    /// <param name="logger">Gets the phase's start and end, and each failure or timeout once.</param>
    /// <param name="cutShort">
    /// When it completes (or has completed already), the phase ends at once as if its limit had passed:
    /// the run has been cut short (see <see cref="CoordinatedShutdown"/>). Null for none.
    /// </param>
    internal static async Task<PhaseOutcome> RunAsync(
        string phase, IReadOnlyList<PhaseTask> tasks, TimeSpan limit, TimeProvider time, ILogger logger, Task? cutShort = null)
    {
        var started = time.GetTimestamp();
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Armed before any task starts, so a test that sees a task start and then advances a manual
        // clock is sure to hit this timeout.
        using var timer = time.CreateTimer(
            static state => ((TaskCompletionSource)state!).TrySetResult(), expired, limit, Timeout.InfiniteTimeSpan);
        // Not disposed when tasks are left running: they may still use its token.
        var cancellation = new CancellationTokenSource();

        var names = Names(tasks);
        var timeout = limit == Timeout.InfiniteTimeSpan ? "infinite" : limit.ToString();
        ShutdownLog.PhaseStarting(logger, phase, tasks.Count, names, timeout);
        var running = tasks.Select(t => RunTaskAsync(t, time, started, cancellation.Token)).ToList();
        var allDone = Task.WhenAll(running);
        await (cutShort is null ? Task.WhenAny(allDone, expired.Task) : Task.WhenAny(allDone, expired.Task, cutShort)).ConfigureAwait(false);

        // Taken before cancelling, so that a task ending because of the cancellation counts as
        // timed out rather than failed.
        var elapsed = time.GetElapsedTime(started);
        var outcomes = running
            .Select((task, i) => task.IsCompleted ? task.Result : new TaskOutcome(tasks[i].Name, elapsed, null, TimedOut: true))
            .ToList();
        var timedOut = outcomes.Any(o => o.TimedOut);
        if (timedOut)
        {
            var unfinished = outcomes.Where(o => o.TimedOut).Select(o => o.Name);
            if (cutShort is { IsCompleted: true } && !expired.Task.IsCompleted) ShutdownLog.PhaseInterrupted(logger, phase, unfinished);
            else ShutdownLog.PhaseTimedOut(logger, phase, limit, unfinished);
            Cancel(cancellation, phase, logger);
        }
        else
        {
            cancellation.Dispose();
        }
        foreach (var failed in outcomes.Where(o => o.Failure is not null))
            ShutdownLog.TaskFailed(logger, failed.Failure!, failed.Name, phase);
        ShutdownLog.PhaseFinished(logger, phase, elapsed.TotalMilliseconds);
        return new PhaseOutcome(phase, elapsed, timedOut, outcomes);
    }

    /// <summary>
    /// The outcome of a phase the run's deadline left no time for: its tasks do not run and are
    /// recorded as timed out. A phase without tasks loses nothing and is not marked.
    /// </summary>
    internal static PhaseOutcome CutShort(string phase, IReadOnlyList<PhaseTask> tasks, ILogger logger)
    {
        if (tasks.Count > 0)
        {
            var names = Names(tasks);
            ShutdownLog.PhaseCutShort(logger, phase, names);
        }
        return new PhaseOutcome(
            phase, TimeSpan.Zero, TimedOut: tasks.Count > 0,
            tasks.Select(t => new TaskOutcome(t.Name, TimeSpan.Zero, null, TimedOut: true)).ToList());
    }

    /// <summary>
    /// The error that ends a run when a phase that does not recover went wrong: its first task failure
    /// as thrown, or else a <see cref="TimeoutException"/> naming the phase and its unfinished tasks.
    /// Null when the phase went well.
    /// </summary>
    /// <param name="outcome">The phase's outcome.</param>
    /// <param name="limit">The limit the phase ran with; zero when it was cut short.</param>
    internal static Exception? Failure(PhaseOutcome outcome, TimeSpan limit)
    {
        if (outcome.Tasks.FirstOrDefault(t => t.Failure is not null)?.Failure is { } failure) return failure;
        if (!outcome.TimedOut) return null;
        var tasks = string.Join(", ", outcome.Tasks.Where(t => t.TimedOut).Select(t => $"'{t.Name}'"));
        return new TimeoutException(limit == TimeSpan.Zero
            ? $"Coordinated shutdown phase '{outcome.Name}' was cut short by the shutdown deadline; task(s) not run: {tasks}"
            : $"Coordinated shutdown phase '{outcome.Name}' timed out after {limit}; unfinished task(s): {tasks}");
    }

    /// <summary>
    /// Runs one task to its end and records how it went. It starts on the thread pool, so a task that
    /// blocks before its first await neither delays the others nor the phase's timeout.
    /// </summary>
    private static async Task<TaskOutcome> RunTaskAsync(PhaseTask task, TimeProvider time, long phaseStarted, CancellationToken token)
    {
        Exception? failure = null;
        try
        {
            await Task.Run(() => task.Run(token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever a task throws is its outcome, recorded and logged; it must not stop the phase.
            failure = e;
        }
        return new TaskOutcome(task.Name, time.GetElapsedTime(phaseStarted), failure, TimedOut: false);
    }

    private static string[] Names(IReadOnlyList<PhaseTask> tasks) => tasks.Select(t => t.Name).ToArray();

    /// <summary>Cancels the token of the unfinished tasks; their token callbacks' failures are logged, not thrown.</summary>
    private static void Cancel(CancellationTokenSource cancellation, string phase, ILogger logger)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (AggregateException e)
        {
            ShutdownLog.CancellationCallbacksFailed(logger, e, phase);
        }
    }
}
