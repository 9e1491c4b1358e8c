using ActorShutdown.Configuration;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>One log entry, with the system clock's reading when it was written.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception, DateTimeOffset At)
{
    /// <summary>The message, and the exception's text when there is one.</summary>
    public string Text => Exception is null ? Message : Message + Environment.NewLine + Exception;
}

/// <summary>
/// Keeps every log entry of a system: as its <see cref="ILoggerFactory"/> (<c>ActorSystem.Create</c>) or as the
/// TestKit's output (whose lines it parses back). From the coordinated shutdown's entries it follows which phase
/// is running, so a test never moves the clock between two phases (where no phase timeout runs yet).
/// </summary>
public sealed partial class LogCapture(ITestOutputHelper? echo = null) : ILoggerFactory, ITestOutputHelper
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly Lock _gate = new();
    private (string Name, DateTimeOffset At, int Tasks)? _running;
    private int _phasesFinished;
    private (ShutdownGuardianSettings Guardian, bool Terminates)? _phases;

    /// <summary>The clock entries are stamped with (set once the system exists).</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>How many phases have finished.</summary>
    public int PhasesFinished
    {
        get
        {
            lock (_gate) return _phasesFinished;
        }
    }

    /// <summary>The phase running now, when it started and how many tasks it has, or null between phases.</summary>
    public (string Name, DateTimeOffset At, int Tasks)? RunningPhase
    {
        get
        {
            lock (_gate) return _running;
        }
    }

    /// <summary>
    /// True when the clock may move for <paramref name="system"/>'s shutdown: no run in progress, or a phase running
    /// whose own tasks have started and are not over (the guardian has begun its cancel or shield phase and not
    /// finished it, the last phase has begun to stop the system) and whose timeout has not come yet (once it has, the phase ends without more time, and the
    /// next one must start first). Moving the clock between two phases would run time no phase timeout counts.
    /// </summary>
    public bool ClockMayMove(ActorSystem system, DateTimeOffset now)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        if (shutdown.Reason is null || shutdown.Completion.IsCompleted) return true;
        // A phase without tasks ends at once: no time passes in it.
        if (RunningPhase is not { Tasks: > 0 } phase) return false;
        if (!TasksRunning(system, phase.Name)) return false;
        var timeout = shutdown.Timeout(phase.Name);
        return timeout == Timeout.InfiniteTimeSpan || now < phase.At + timeout;
    }

    private bool TasksRunning(ActorSystem system, string phase)
    {
        _phases ??= (ShutdownGuardianSettings.FromConfig(system.Config),
            system.Config.GetBoolean("actors.coordinated-shutdown.terminate-actor-system"));
        var (guardian, terminates) = _phases.Value;
        if (phase == CoordinatedShutdown.PhaseActorSystemTerminate && terminates && !system.UserGuardian.IsStopping && !system.WhenTerminated.IsCompleted)
            return false;
        if (system.ShutdownGuardian is null) return true;
        if (phase == guardian.CancelPhase && !Logged("ActorShutdown", "Cancelling ")) return false;
        if (phase == guardian.ShieldPhase && !Logged("ActorShutdown", "Draining ")) return false;
        // A guardian phase whose task has completed is ending: the clock must wait for the next phase to start, as
        // between two phases (the runner's continuations are on the thread pool, where Settle may not see them).
        if (phase == guardian.CancelPhase && system.ShutdownGuardian.CancelPhaseTask is { IsCompleted: true }) return false;
        if (phase == guardian.ShieldPhase && system.ShutdownGuardian.ShieldPhaseTask is { IsCompleted: true }) return false;
        return true;
    }

    private bool Logged(string category, string prefix) => _lines.Any(l => l.Category == category && l.Message.StartsWith(prefix, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    public void WriteLine(string message)
    {
        // The TestKit's logger writes "[Level] category: message" (and the exception's text after a line break).
        var match = OutputLine().Match(message);
        if (match.Success && Enum.TryParse<LogLevel>(match.Groups[1].Value, out var level))
            Add(new LogLine(level, match.Groups[2].Value, match.Groups[3].Value, null, Now()));
        else
            Add(new LogLine(LogLevel.None, "", message, null, Now()));
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    private DateTimeOffset Now() => Clock?.Invoke() ?? DateTimeOffset.MinValue;

    private void Add(LogLine line)
    {
        _lines.Enqueue(line);
        if (line.Category == "ActorShutdown.CoordinatedShutdown") Follow(line.Message, line.At);
        try
        {
            echo?.WriteLine($"[{line.At:HH:mm:ss.fff}] [{line.Level}] {line.Category}: {line.Text}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xunit takes no more output for it.
        }
    }

    private void Follow(string message, DateTimeOffset at)
    {
        if (PhaseStarting().Match(message) is { Success: true } starting)
        {
            lock (_gate) _running = (starting.Groups[1].Value, at, int.Parse(starting.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (PhaseFinished().IsMatch(message))
        {
            lock (_gate)
            {
                _running = null;
                _phasesFinished++;
            }
        }
    }

    [GeneratedRegex(@"^\[(\w+)\] ([^:]+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex OutputLine();

    [GeneratedRegex(@"^Phase (\S+) starting with (\d+) task")]
    private static partial Regex PhaseStarting();

    [GeneratedRegex(@"^Phase (\S+) finished in")]
    private static partial Regex PhaseFinished();

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(new LogLine(logLevel, category, formatter(state, exception), exception, capture.Now()));
    }
}
