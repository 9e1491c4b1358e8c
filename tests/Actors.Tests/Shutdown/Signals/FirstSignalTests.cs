namespace ActorShutdown.Tests.Shutdown.Signals;

/// <summary>
/// The first termination signal runs the coordinated shutdown and keeps the process alive until it
/// has finished: the shutdown tasks run, and the process ends with the report's exit code — returned
/// from Main, or through <c>exit-process</c>.
/// </summary>
public sealed class FirstSignalTests
{
    [Theory]
    [InlineData(Libc.SIGTERM)]
    [InlineData(Libc.SIGINT)]
    [InlineData(Libc.SIGHUP)]
    [InlineData(Libc.SIGQUIT)]
    public async Task Signal_runs_the_phases_to_the_end_and_Main_returns_exit_code_0(int signal)
    {
        using var target = await SignalTargetProcess.StartAsync();

        target.Signal(signal);

        var exitCode = await target.WaitForExitAsync();
        var name = Libc.Name(signal);
        Assert.True(exitCode == 0, $"exit code {exitCode}, expected 0{target.Describe()}");
        Assert.Equal([$"shutdown-task-ran {name}"], target.MarkerLines);
        Assert.Contains($"shutdown-started {name}", target.Stdout);
        Assert.Contains("exit-code 0", target.Stdout);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 3)]
    public async Task With_exit_process_the_process_ends_with_the_reports_exit_code(bool failTask, int expectedExitCode)
    {
        // With --exit-process, Main never returns: only exit-process can end the process with a code.
        using var target = await SignalTargetProcess.StartAsync(failTask ? ["--exit-process", "--fail-task"] : ["--exit-process"]);

        target.Signal(Libc.SIGTERM);

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == expectedExitCode, $"exit code {exitCode}, expected {expectedExitCode}{target.Describe()}");
        Assert.Equal(["shutdown-task-ran SIGTERM"], target.MarkerLines);
        Assert.DoesNotContain(target.Stdout, line => line.StartsWith("exit-code", StringComparison.Ordinal));
    }
}
