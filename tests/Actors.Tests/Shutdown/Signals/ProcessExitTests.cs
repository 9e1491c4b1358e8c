namespace ActorShutdown.Tests.Shutdown.Signals;

/// <summary>
/// A process that exits with its actor system still running runs the shutdown on ProcessExit
/// (<c>run-by-process-exit = on</c>, the default) and waits for it; it keeps the exit code Main gave,
/// even with <c>exit-process = on</c>, which must not exit from inside ProcessExit.
/// </summary>
public sealed class ProcessExitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Main_returning_runs_the_phases_on_ProcessExit_and_keeps_Mains_exit_code(bool exitProcess)
    {
        using var target = await SignalTargetProcess.StartAsync(exitProcess ? ["--return-on-input", "--exit-process"] : ["--return-on-input"]);

        target.WriteLine("return");

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == 5, $"exit code {exitCode}, expected 5 (Main's){target.Describe()}");
        Assert.Equal(["shutdown-task-ran process-exit"], target.MarkerLines);
        Assert.Contains("shutdown-started process-exit", target.Stdout);
    }
}
