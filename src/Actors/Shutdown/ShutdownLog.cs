using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// The log messages of a coordinated shutdown. Each failure or timeout has exactly one message.
/// Lists of names are passed as sequences: the logger joins them only when the level is enabled.
/// </summary>
internal static partial class ShutdownLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Coordinated shutdown starting (reason {Reason}) from phase {FromPhase}")]
    internal static partial void ShutdownStarting(ILogger logger, string reason, string fromPhase);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Phase {Phase} starting with {TaskCount} task(s) [{Tasks}], timeout {Timeout}")]
    internal static partial void PhaseStarting(ILogger logger, string phase, int taskCount, IEnumerable<string> tasks, string timeout);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Phase {Phase} finished in {DurationMs} ms")]
    internal static partial void PhaseFinished(ILogger logger, string phase, double durationMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Task {Task} of phase {Phase} failed")]
    internal static partial void TaskFailed(ILogger logger, Exception failure, string task, string phase);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Phase {Phase} timed out after {Timeout}; cancelled its unfinished task(s) [{Tasks}]")]
    internal static partial void PhaseTimedOut(ILogger logger, string phase, TimeSpan timeout, IEnumerable<string> tasks);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Phase {Phase} cut short: the shutdown deadline left it no time; task(s) not run [{Tasks}]")]
    internal static partial void PhaseCutShort(ILogger logger, string phase, IEnumerable<string> tasks);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error,
        Message = "Phase {Phase} does not recover from its failure; coordinated shutdown stops, skipping [{SkippedPhases}]")]
    internal static partial void ShutdownAborted(ILogger logger, string phase, IEnumerable<string> skippedPhases);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "Coordinated shutdown finished in {DurationMs} ms with exit code {ExitCode} (clean: {Clean})")]
    internal static partial void ShutdownFinished(ILogger logger, double durationMs, int exitCode, bool clean);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning,
        Message = "Task {Task} was added to phase {Phase} after that phase started; it will not run")]
    internal static partial void TaskAddedTooLate(ILogger logger, string task, string phase);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Cancellation callbacks of the timed-out tasks of phase {Phase} threw")]
    internal static partial void CancellationCallbacksFailed(ILogger logger, Exception failure, string phase);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "Phase {Phase} interrupted: the run was cut short; cancelled its unfinished task(s) [{Tasks}]")]
    internal static partial void PhaseInterrupted(ILogger logger, string phase, IEnumerable<string> tasks);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning,
        Message = "Coordinated shutdown cut short during phase {Phase}: the phases left end at once, and {TerminatePhase} stops whatever still runs")]
    internal static partial void RunCutShort(ILogger logger, string phase, string terminatePhase);
}
