using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

/// <summary>
/// The hooks' logic, driven through OnSignal and OnProcessExit with an injected exit action; no real
/// signal is sent and the process never exits.
/// </summary>
public class ProcessShutdownHooksTests
{
    private readonly Harness _h = new();
    private readonly StringWriter _output = new();
    private readonly ConcurrentQueue<int> _exits = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _taskStarted = Signal();
    private readonly TaskCompletionSource _release = Signal();
    private readonly CoordinatedShutdown _shutdown;

    public ProcessShutdownHooksTests()
    {
        _shutdown = _h.Chain("p");
        // Holds the run open until the test releases it.
        _shutdown.AddTask("p", "hold", async _ => { _taskStarted.TrySetResult(); await _release.Task; });
    }

    private ProcessShutdownHooks Hooks(bool exitProcess = false, int runningActors = 0) =>
        new(_shutdown, runBySignals: false, runByProcessExit: false, exitProcess, () => runningActors, _output, code =>
        {
            _exits.Enqueue(code);
            _exited.TrySetResult(code);
        });

    private static PosixSignalContext Send(ProcessShutdownHooks hooks, PosixSignal signal)
    {
        var context = new PosixSignalContext(signal);
        hooks.OnSignal(context);
        return context;
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGHUP)]
    [InlineData(PosixSignal.SIGQUIT)]
    public async Task The_first_signal_runs_the_shutdown_and_keeps_the_process_alive(PosixSignal signal)
    {
        using var hooks = Hooks();

        Assert.True(Send(hooks, signal).Cancel);
        await _taskStarted.Task.WaitAsync(Guard);
        Assert.Same(ShutdownReason.Signal(signal), _shutdown.Reason);
        _release.SetResult();
        await _shutdown.Completion.WaitAsync(Guard);

        Assert.Empty(_exits);
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    public async Task A_second_SIGINT_or_SIGTERM_during_the_run_writes_one_line_and_exits_at_once(PosixSignal second, int exitCode)
    {
        using var hooks = Hooks(runningActors: 7);
        Send(hooks, PosixSignal.SIGHUP);
        await _taskStarted.Task.WaitAsync(Guard);

        Send(hooks, second);
        Send(hooks, second);

        Assert.Equal([exitCode], _exits);
        var line = Assert.Single(_output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("7 actor(s) still running", line);
        Assert.Contains(second.ToString(), line);
        _release.SetResult();
    }

    [Theory]
    [InlineData(PosixSignal.SIGHUP)]
    [InlineData(PosixSignal.SIGQUIT)]
    public async Task A_second_SIGHUP_or_SIGQUIT_during_the_run_keeps_waiting(PosixSignal second)
    {
        using var hooks = Hooks();
        Send(hooks, PosixSignal.SIGTERM);
        await _taskStarted.Task.WaitAsync(Guard);

        Assert.True(Send(hooks, second).Cancel);

        Assert.Empty(_exits);
        Assert.Empty(_output.ToString());
        _release.SetResult();
    }

    [Fact]
    public async Task A_signal_after_the_run_ended_gets_its_default_action()
    {
        using var hooks = Hooks();
        Send(hooks, PosixSignal.SIGTERM);
        _release.SetResult();
        await _shutdown.Completion.WaitAsync(Guard);

        Assert.False(Send(hooks, PosixSignal.SIGINT).Cancel);
        Assert.Empty(_exits);
    }

    [Fact]
    public async Task ProcessExit_runs_the_shutdown_and_blocks_until_it_ends_without_exiting()
    {
        using var hooks = Hooks(exitProcess: true);

        var handler = Task.Factory.StartNew(hooks.OnProcessExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await _taskStarted.Task.WaitAsync(Guard);
        Assert.False(handler.IsCompleted);
        _release.SetResult();
        await handler.WaitAsync(Guard);

        Assert.True(_shutdown.Completion.IsCompletedSuccessfully);
        Assert.Same(ShutdownReason.ProcessExit, _shutdown.Reason);
        Assert.Empty(_exits);
    }

    [Fact]
    public async Task ProcessExit_during_a_forced_exit_does_not_wait()
    {
        using var hooks = Hooks();
        Send(hooks, PosixSignal.SIGTERM);
        await _taskStarted.Task.WaitAsync(Guard);
        Send(hooks, PosixSignal.SIGINT);

        // Environment.Exit raises ProcessExit: the handler must return although the run still hangs.
        await Task.Factory.StartNew(hooks.OnProcessExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(Guard);

        Assert.False(_shutdown.Completion.IsCompleted);
        _release.SetResult();
    }

    [Fact]
    public async Task With_exit_process_the_process_exits_with_the_reports_exit_code_when_the_run_ends()
    {
        using var hooks = Hooks(exitProcess: true);
        _release.SetResult();

        var report = await _shutdown.Run(ShutdownReason.ActorSystemTerminate).WaitAsync(Guard);

        Assert.Equal(0, await _exited.Task.WaitAsync(Guard));
        Assert.Equal(report.ExitCode, Assert.Single(_exits));
    }

    [Fact]
    public async Task With_exit_process_an_unclean_run_exits_with_3()
    {
        _shutdown.AddTask("p", "bad", _ => throw new InvalidOperationException("boom"));
        using var hooks = Hooks(exitProcess: true);
        _release.SetResult();

        await _shutdown.Run(ShutdownReason.ActorSystemTerminate).WaitAsync(Guard);

        Assert.Equal(3, await _exited.Task.WaitAsync(Guard));
    }

    [Fact]
    public async Task With_exit_process_a_failed_run_exits_with_3()
    {
        var shutdown = _h.Create([Phase("strict", recover: false)]);
        shutdown.AddTask("strict", "bad", _ => throw new InvalidOperationException("boom"));
        using var hooks = new ProcessShutdownHooks(shutdown, false, false, exitProcess: true, () => 0, _output, code => _exited.TrySetResult(code));

        await Assert.ThrowsAsync<InvalidOperationException>(() => shutdown.Run(ShutdownReason.ActorSystemTerminate).WaitAsync(Guard));

        Assert.Equal(3, await _exited.Task.WaitAsync(Guard));
    }

    [Fact]
    public void Real_signal_and_process_exit_handlers_register_and_unregister()
    {
        var hooks = new ProcessShutdownHooks(_shutdown, runBySignals: true, runByProcessExit: true, exitProcess: false, () => 0);

        hooks.Dispose();

        Assert.Null(_shutdown.Reason);
    }
}
