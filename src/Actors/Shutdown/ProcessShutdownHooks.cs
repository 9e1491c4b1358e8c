using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorShutdown;

/// <summary>
/// Ties a <see cref="CoordinatedShutdown"/> to the process: termination signals and
/// <see cref="AppDomain.ProcessExit"/> run it, and with <c>exit-process</c> its end ends the process.
/// The actor system creates one at start and disposes it when it has terminated.
/// </summary>
/// <remarks>
/// SIGTERM is handled as a signal, not through ProcessExit: since .NET 10 the runtime no longer
/// raises ProcessExit on SIGTERM.
/// </remarks>
internal sealed class ProcessShutdownHooks : IDisposable
{
    private static readonly PosixSignal[] Signals = [PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly CoordinatedShutdown _shutdown;
    private readonly Func<int> _runningActors;
    private readonly TextWriter _output;
    private readonly Action<int> _exit;
    private readonly PosixSignalRegistration[] _signalRegistrations;
    private readonly bool _runByProcessExit;
    private int _signalsReceived;

    // 1 once the process is on its way out: this object asked it to exit, or ProcessExit is being
    // raised. From then on nothing here calls exit again (Environment.Exit during ProcessExit can
    // deadlock) and the ProcessExit handler does not wait.
    private int _exiting;

    /// <param name="shutdown">The shutdown to run.</param>
    /// <param name="runBySignals"><c>run-by-signals</c>: handle SIGTERM, SIGINT, SIGHUP and SIGQUIT.</param>
    /// <param name="runByProcessExit"><c>run-by-process-exit</c>: run on <see cref="AppDomain.ProcessExit"/>.</param>
    /// <param name="exitProcess"><c>exit-process</c>: end the process with the report's exit code when the run ends.</param>
    /// <param name="runningActors">How many actors are still running, for the line a forced exit writes.</param>
    /// <param name="output">Where a forced exit writes its line; <see cref="Console.Error"/> by default.</param>
    /// <param name="exit">Ends the process with an exit code; <see cref="Environment.Exit"/> by default.</param>
    internal ProcessShutdownHooks(
        CoordinatedShutdown shutdown, bool runBySignals, bool runByProcessExit, bool exitProcess,
        Func<int> runningActors, TextWriter? output = null, Action<int>? exit = null)
    {
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(runningActors);
        _shutdown = shutdown;
        _runningActors = runningActors;
        _output = output ?? Console.Error;
        _exit = exit ?? Environment.Exit;
        _signalRegistrations = runBySignals ? Signals.Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToArray() : [];
        _runByProcessExit = runByProcessExit;
        if (runByProcessExit) AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        // Not undone by Dispose: the system disposes this object while the run's last phase is
        // still going, and the exit must still follow that run.
        if (exitProcess) _ = ExitWhenRunEndsAsync();
    }

    /// <summary>
    /// Handles a termination signal. The first one runs the shutdown and keeps the process alive
    /// while it runs. A second SIGINT or SIGTERM while it runs writes one line naming how many actors
    /// are still running and exits at once with 128 + the signal number. Once the run has ended, a
    /// signal gets its default action.
    /// </summary>
    internal void OnSignal(PosixSignalContext context)
    {
        var first = Interlocked.Increment(ref _signalsReceived) == 1;
        if (first) _ = _shutdown.Run(ShutdownReason.Signal(context.Signal));
        if (_shutdown.Completion.IsCompleted) return;
        if (!first && context.Signal is PosixSignal.SIGINT or PosixSignal.SIGTERM)
        {
            ForceExit(context.Signal);
            return;
        }
        context.Cancel = true;
    }

    /// <summary>
    /// Handles <see cref="AppDomain.ProcessExit"/>: runs the shutdown and blocks until it ends, for at
    /// most its <see cref="CoordinatedShutdown.TotalTimeout"/>. Never exits the process itself.
    /// </summary>
    internal void OnProcessExit()
    {
        // Already exiting because this object asked for it: the run has ended or is being given up.
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        var total = _shutdown.TotalTimeout;
        // Task.Wait throws beyond int.MaxValue ms (about 24.8 days), and nothing may throw here; so
        // long a bound is as good as none.
        var bound = total.TotalMilliseconds > int.MaxValue ? Timeout.InfiniteTimeSpan : total;
        try
        {
            _shutdown.Run(ShutdownReason.ProcessExit).Wait(bound);
        }
        catch (AggregateException)
        {
            // The run's failure has been logged by the run; the process exits either way.
        }
    }

    /// <summary>Unregisters the signal and ProcessExit handlers.</summary>
    public void Dispose()
    {
        foreach (var registration in _signalRegistrations) registration.Dispose();
        if (_runByProcessExit) AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => OnProcessExit();

    private void ForceExit(PosixSignal signal)
    {
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"Second {signal} during shutdown: exiting now with {_runningActors()} actor(s) still running."));
        _output.Flush();
        _exit(128 + SignalNumber(signal));
    }

    private async Task ExitWhenRunEndsAsync()
    {
        int exitCode;
        try
        {
            exitCode = (await _shutdown.Completion.ConfigureAwait(false)).ExitCode;
        }
        catch (Exception)
        {
            // A run that failed (a phase without recover) was not clean.
            exitCode = ShutdownReport.UncleanExitCode;
        }
        if (Interlocked.Exchange(ref _exiting, 1) == 0) _exit(exitCode);
    }

    /// <summary>The POSIX number of a signal that forces an exit; <see cref="PosixSignal"/>'s values are not those numbers.</summary>
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGINT and SIGTERM force an exit."),
    };
}
