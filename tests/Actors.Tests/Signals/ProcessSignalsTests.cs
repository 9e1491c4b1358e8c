using System.Runtime.InteropServices;
using Akka;
using Akka.Actor;

namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The logic of <see cref="ProcessSignals"/>, driven through OnSignal and OnProcessExit with the report in the test's
/// hands and a <see cref="RecordingProcess"/>: no real signal is sent and the test host never exits.
/// </summary>
public sealed class ProcessSignalsTests : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>A hang guard, never a measurement.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly RecordingProcess _process = new();
    private readonly TaskCompletionSource<ShutdownReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _runStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CoordinatedShutdown _shutdown;

    public ProcessSignalsTests()
        : base("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off")
    {
        _shutdown = CoordinatedShutdown.Get(Sys);
        // Holds the run in its first phase until the test releases it.
        _shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "hold", async () =>
        {
            _runStarted.TrySetResult();
            await _release.Task;
            return Done.Instance;
        });
    }

    protected override void Dispose(bool disposing)
    {
        _release.TrySetResult();
        base.Dispose(disposing);
    }

    private ProcessSignals Signals(bool exitProcess = false, TimeSpan? deadline = null) =>
        new(_shutdown, _report.Task, () => new ShutdownProgress("service-requests-done", 7, 12), exitProcess, deadline, 70, _process);

    private static PosixSignalContext Send(ProcessSignals signals, PosixSignal signal)
    {
        var context = new PosixSignalContext(signal);
        signals.OnSignal(context);
        return context;
    }

    private static ShutdownReport Report(CoordinatedShutdown.Reason reason, bool clean = true, bool deadlinePassed = false) =>
        new(reason, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1),
            clean ? [] : [new PhaseOutcome(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromSeconds(1), TimedOut: true, [])],
            [], [], deadlinePassed, signalExitCode: 0, uncleanExitCode: 70);

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGHUP)]
    [InlineData(PosixSignal.SIGQUIT)]
    public async Task The_first_signal_runs_the_shutdown_with_its_reason_and_keeps_the_process_alive(PosixSignal signal)
    {
        using var signals = Signals();

        Assert.True(Send(signals, signal).Cancel);

        await _runStarted.Task.WaitAsync(Guard);
        Assert.Equal(signal, Assert.IsType<SignalReason>(_shutdown.ShutdownReason).Signal);
        Assert.Empty(_process.Actions);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 70)]
    public async Task After_a_signal_the_process_exits_with_the_reports_exit_code_once_the_report_completes(bool clean, int exitCode)
    {
        using var signals = Signals();
        Send(signals, PosixSignal.SIGTERM);

        _report.SetResult(Report(new SignalReason(PosixSignal.SIGTERM), clean));

        Assert.Equal($"exit {exitCode}", await _process.Exited.WaitAsync(Guard));
        Assert.Equal([$"code {exitCode}", $"exit {exitCode}"], _process.Actions);
    }

    [Theory]
    [InlineData(PosixSignal.SIGHUP, PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGINT, PosixSignal.SIGTERM, 143)]
    public async Task A_second_SIGINT_or_SIGTERM_writes_one_line_and_exits_hard_with_128_plus_the_signal(PosixSignal first, PosixSignal second, int exitCode)
    {
        using var signals = Signals();
        Send(signals, first);
        await _runStarted.Task.WaitAsync(Guard);

        Assert.True(Send(signals, second).Cancel);

        Assert.Equal([$"hard {exitCode}"], _process.Actions);
        var line = Assert.Single(_process.ErrorLines);
        Assert.Equal($"Second {second} during shutdown (phase service-requests-done): exiting now with 7 actor(s) still running.", line);
    }

    [Theory]
    [InlineData(PosixSignal.SIGHUP)]
    [InlineData(PosixSignal.SIGQUIT)]
    public async Task A_second_SIGHUP_or_SIGQUIT_keeps_waiting(PosixSignal second)
    {
        using var signals = Signals();
        Send(signals, PosixSignal.SIGTERM);
        await _runStarted.Task.WaitAsync(Guard);

        Assert.True(Send(signals, second).Cancel);

        Assert.Empty(_process.Actions);
        Assert.Empty(_process.ErrorLines);
    }

    [Fact]
    public async Task A_signal_after_the_report_gets_its_default_action()
    {
        using var signals = Signals();
        _report.SetResult(Report(CoordinatedShutdown.ActorSystemTerminateReason.Instance));
        await signals.AfterRun.WaitAsync(Guard);

        var context = new PosixSignalContext(PosixSignal.SIGINT) { Cancel = true };  // as Akka's handler leaves it
        signals.OnSignal(context);

        Assert.False(context.Cancel);
        Assert.Null(_shutdown.ShutdownReason);
        Assert.Empty(_process.Actions);
    }

    [Fact]
    public async Task A_signal_during_a_run_started_by_code_joins_it_and_its_end_exits_the_process()
    {
        using var signals = Signals();
        _ = _shutdown.Run(CoordinatedShutdown.UnknownReason.Instance);
        await _runStarted.Task.WaitAsync(Guard);

        Assert.True(Send(signals, PosixSignal.SIGTERM).Cancel);
        _report.SetResult(Report(CoordinatedShutdown.UnknownReason.Instance));

        Assert.Same(CoordinatedShutdown.UnknownReason.Instance, _shutdown.ShutdownReason);
        Assert.Equal("exit 1", await _process.Exited.WaitAsync(Guard));
    }

    [Fact]
    public async Task With_exit_process_a_run_started_by_code_exits_with_the_reports_exit_code()
    {
        using var signals = Signals(exitProcess: true);

        _report.SetResult(Report(CoordinatedShutdown.ActorSystemTerminateReason.Instance, clean: false));

        Assert.Equal("exit 70", await _process.Exited.WaitAsync(Guard));
        Assert.Equal(["code 70", "exit 70"], _process.Actions);
    }

    [Fact]
    public async Task Without_exit_process_or_a_signal_the_process_is_left_to_Main()
    {
        using var signals = Signals();

        _report.SetResult(Report(CoordinatedShutdown.ActorSystemTerminateReason.Instance, clean: false));
        await signals.AfterRun.WaitAsync(Guard);

        Assert.Empty(_process.Actions);
    }

    [Fact]
    public async Task A_report_whose_deadline_passed_exits_hard()
    {
        using var signals = Signals();
        Send(signals, PosixSignal.SIGTERM);

        _report.SetResult(Report(new SignalReason(PosixSignal.SIGTERM), clean: false, deadlinePassed: true));

        Assert.Equal("hard 70", await _process.Exited.WaitAsync(Guard));
    }

    [Fact]
    public async Task A_failed_report_exits_hard_with_the_unclean_exit_code()
    {
        using var signals = Signals(exitProcess: true);

        _report.SetException(new InvalidOperationException("the report failed"));

        Assert.Equal("hard 70", await _process.Exited.WaitAsync(Guard));
        Assert.Equal(["code 70", "hard 70"], _process.Actions);
    }

    [Fact]
    public async Task ProcessExit_runs_the_shutdown_and_waits_for_the_report_without_exiting()
    {
        using var signals = Signals(exitProcess: true);

        var handler = Task.Factory.StartNew(signals.OnProcessExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await _runStarted.Task.WaitAsync(Guard);
        Assert.Same(CoordinatedShutdown.ClrExitReason.Instance, _shutdown.ShutdownReason);
        Assert.False(handler.IsCompleted);
        _report.SetResult(Report(CoordinatedShutdown.ClrExitReason.Instance, clean: false));
        await handler.WaitAsync(Guard);
        await signals.AfterRun.WaitAsync(Guard);

        // Main's exit code stands: the process is exiting already.
        Assert.Empty(_process.Actions);
    }

    [Fact]
    public async Task ProcessExit_during_a_signal_driven_run_sets_the_reports_exit_code()
    {
        using var signals = Signals();
        Send(signals, PosixSignal.SIGTERM);
        await _runStarted.Task.WaitAsync(Guard);

        var handler = Task.Factory.StartNew(signals.OnProcessExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _report.SetResult(Report(new SignalReason(PosixSignal.SIGTERM), clean: false));
        await handler.WaitAsync(Guard);
        await signals.AfterRun.WaitAsync(Guard);

        Assert.Equal(["code 70"], _process.Actions);
    }

    [Fact]
    public async Task ProcessExit_waits_for_the_report_at_most_until_the_deadline()
    {
        using var signals = Signals(deadline: TimeSpan.FromMilliseconds(50));

        // The report never completes: only the bound ends the wait.
        await Task.Factory.StartNew(signals.OnProcessExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(Guard);

        Assert.Same(CoordinatedShutdown.ClrExitReason.Instance, _shutdown.ShutdownReason);
        Assert.Empty(_process.Actions);
    }

    [Fact]
    public async Task ProcessExit_after_the_report_does_nothing()
    {
        using var signals = Signals(exitProcess: true);
        _report.SetResult(Report(CoordinatedShutdown.UnknownReason.Instance));
        await _process.Exited.WaitAsync(Guard);

        signals.OnProcessExit();

        Assert.Null(_shutdown.ShutdownReason);
        Assert.Equal(["code 1", "exit 1"], _process.Actions);
    }
}
