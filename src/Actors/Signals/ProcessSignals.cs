using System.Globalization;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Ties the coordinated shutdown to the process (DESIGN §4 "Signals" and "Exit code"): termination signals run it,
/// a second SIGINT or SIGTERM exits at once, ProcessExit runs it when <c>Main</c> returns with the system still
/// running, and the end of the run ends the process with the report's exit code.
/// </summary>
internal sealed class ProcessSignals : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly CoordinatedShutdown _shutdown;
    private readonly Task<ShutdownReport> _report;
    private readonly Func<ShutdownProgress> _progress;
    private readonly TimeSpan? _deadline;
    private readonly int _uncleanExitCode;
    private readonly ProcessControl _process;
    private PosixSignalRegistration[] _registrations = [];
    private bool _handlesProcessExit;

    // Signals taken while the run was going: the first runs the shutdown and makes its end exit the process.
    private int _signals;

    // 1 once the end of the process is settled: the run's end has been handled (an exit asked for, or the process
    // left to Main), or ProcessExit is being raised. From then on nothing here calls Environment.Exit (during an exit
    // it would only wait for the exit already under way) and ProcessExit does not wait. A hard exit ignores it.
    private int _exiting;

    /// <param name="shutdown">The coordinated shutdown a signal runs.</param>
    /// <param name="report">The guardian's report: completes when the run has finished, or at the deadline.</param>
    /// <param name="progress">The guardian's progress, for the line a second signal writes.</param>
    /// <param name="exitProcess"><c>exit-process</c>: a run started any other way also ends the process.</param>
    /// <param name="deadline"><c>deadline</c>: how long ProcessExit waits for the report, when set.</param>
    /// <param name="uncleanExitCode"><c>unclean-exit-code</c>: the exit code when the report itself failed.</param>
    /// <param name="process">What ending the process does; <see cref="ProcessControl.Current"/> outside tests.</param>
    internal ProcessSignals(
        CoordinatedShutdown shutdown, Task<ShutdownReport> report, Func<ShutdownProgress> progress,
        bool exitProcess, TimeSpan? deadline, int uncleanExitCode, ProcessControl process)
    {
        _shutdown = shutdown;
        _report = report;
        _progress = progress;
        _deadline = deadline;
        _uncleanExitCode = uncleanExitCode;
        _process = process;
        // Not undone by Dispose: the exit must follow the run even when the handlers are gone by then.
        AfterRun = ExitAfterRunAsync(exitProcess);
    }

    /// <summary>Completes when what follows the report has been done: the exit asked for, or nothing.</summary>
    internal Task AfterRun { get; }

    /// <summary>
    /// Installs what the guardian's settings ask for: with <c>run-by-signals</c>, takes the signals (and ProcessExit)
    /// over from Akka's hook; with it or <c>exit-process</c>, ends the process when the run ends. The guardian calls
    /// this when it loads, with either setting on.
    /// </summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">Akka's hook is on and cannot be taken over.</exception>
    internal static IDisposable Install(ShutdownGuardian guardian)
    {
        var settings = guardian.Settings;
        var tookOver = settings.RunBySignals && AkkaSignalHookTakeover.TakeOver(guardian.System);
        var signals = new ProcessSignals(
            CoordinatedShutdown.Get(guardian.System), guardian.Report, () => guardian.Progress,
            settings.ExitProcess, settings.Deadline, settings.UncleanExitCode, ProcessControl.Current);
        if (settings.RunBySignals) signals.RegisterSignals();
        // Akka's hook ran the shutdown on ProcessExit; disarmed, it no longer does, so this does instead.
        if (tookOver) signals.RegisterProcessExit();
        // Once the run is over and the process left to Main, the handlers have nothing left to do: signals get the
        // runtime's default action, and a test host that makes many systems does not collect handlers.
        signals.AfterRun.ContinueWith(_ => signals.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return signals;
    }

    /// <summary>
    /// Handles a termination signal. The first one runs the shutdown and keeps the process alive until the report
    /// completes. A second SIGINT or SIGTERM while the run goes writes one line naming the phase and how many actors
    /// were still running, and exits at once with 128 + the signal number. Once the run is over, a signal gets its
    /// default action.
    /// </summary>
    internal void OnSignal(PosixSignalContext context)
    {
        if (_report.IsCompleted)
        {
            // Set, not left: Akka's handler, registered first, cancels every signal while the system runs.
            context.Cancel = false;
            return;
        }
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _ = _shutdown.Run(new SignalReason(context.Signal));
            return;
        }
        if (context.Signal is PosixSignal.SIGINT or PosixSignal.SIGTERM) ExitNow(context.Signal);
    }

    /// <summary>
    /// Handles <see cref="AppDomain.ProcessExit"/> (<c>Main</c> returned): runs the shutdown if the system still runs
    /// and waits for the report, for at most the deadline or else <see cref="CoordinatedShutdown.TotalTimeout"/>.
    /// Never exits the process itself: it is exiting already, with <c>Main</c>'s exit code unless a signal ran the
    /// shutdown, whose exit code is the report's.
    /// </summary>
    internal void OnProcessExit()
    {
        // Already exiting because this object asked for it: the run has ended or is being given up.
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        if (!_report.IsCompleted)
        {
            _ = _shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance);
            var bound = _deadline ?? _shutdown.TotalTimeout;
            // Task.Wait takes at most int.MaxValue ms (about 24.8 days); a bound that long is as good as none.
            if (bound.TotalMilliseconds > int.MaxValue) bound = Timeout.InfiniteTimeSpan;
            ((IAsyncResult)_report).AsyncWaitHandle.WaitOne(bound);
        }
        // Set here, not after the run: the exit-after-run continuation may not get to run before the process ends.
        if (_report.IsCompleted && Outcome(_report) is { BySignal: true } outcome) _process.SetExitCode(outcome.ExitCode);
    }

    /// <summary>Unregisters the signal and ProcessExit handlers; idempotent.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        if (_handlesProcessExit) AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void RegisterSignals() => _registrations = [.. Handled.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];

    private void RegisterProcessExit()
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _handlesProcessExit = true;
    }

    private void OnProcessExit(object? sender, EventArgs e) => OnProcessExit();

    private void ExitNow(PosixSignal signal)
    {
        var progress = _progress();
        _process.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Second {signal} during shutdown (phase {progress.Phase ?? "none"}): exiting now with {progress.ActorsLeft} actor(s) still running."));
        _process.Error.Flush();
        _process.ExitHard(SignalNumbers.ExitCode(signal));
    }

    private async Task ExitAfterRunAsync(bool exitProcess)
    {
        // Forced onto the thread pool: never exit on the thread that completed the report, which a ProcessExit handler
        // may be waiting on. A failed report is handled by Outcome.
        await ((Task)_report).ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        // ProcessExit got there first: the process is exiting, and OnProcessExit set the exit code it should have.
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        var outcome = Outcome(_report);
        // Otherwise the process is left to Main: a ProcessExit still to come finds the run over.
        if (!exitProcess && !outcome.BySignal) return;
        _process.SetExitCode(outcome.ExitCode);
        // Past the deadline something still runs, and it may be what a ProcessExit handler would wait for.
        if (outcome.Hard) _process.ExitHard(outcome.ExitCode);
        else _process.Exit(outcome.ExitCode);
    }

    /// <summary>
    /// The exit code a completed report asks for, whether the exit must be hard, and whether a signal drove the run:
    /// its reason is a <see cref="SignalReason"/>, or a signal arrived while it ran.
    /// </summary>
    private (int ExitCode, bool Hard, bool BySignal) Outcome(Task<ShutdownReport> completed)
    {
        var signalled = Volatile.Read(ref _signals) > 0;
        // No report, so no telling what still runs: the run was not clean, and nothing may delay the exit.
        if (!completed.IsCompletedSuccessfully) return (_uncleanExitCode, true, signalled);
        var report = completed.Result;
        return (report.ExitCode, report.DeadlinePassed, signalled || report.Reason is SignalReason);
    }
}
