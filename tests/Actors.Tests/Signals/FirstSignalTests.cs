namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The first termination signal runs the coordinated shutdown with a <see cref="SignalReason"/> and keeps the process
/// alive until the report completes; then the guardian ends the process with the report's exit code (SignalTarget's
/// Main never returns). Akka's own signal hook, on by default, does not compete.
/// </summary>
[Collection(SignalTargetSerial.Name)]
public sealed class FirstSignalTests
{
    [Theory]
    [InlineData(Libc.SIGTERM)]
    [InlineData(Libc.SIGINT)]
    [InlineData(Libc.SIGHUP)]
    [InlineData(Libc.SIGQUIT)]
    public async Task A_signal_runs_a_graceful_shutdown_and_the_process_exits_with_0(int signal)
    {
        using var target = await SignalTargetProcess.StartAsync();

        target.Signal(signal);

        var exitCode = await target.WaitForExitAsync();
        var name = Libc.Name(signal);
        Assert.True(exitCode == 0, $"exit code {exitCode}, expected 0{target.Describe()}");
        Assert.Contains($"shutdown-started {name}", target.Stdout);
        Assert.Contains(target.Stdout, line => line.StartsWith($"Shutdown ({name}): exit code 0, clean", StringComparison.Ordinal));
        Assert.Contains("exit-code 0", target.Stdout);
        Assert.DoesNotContain(target.Stdout, line => line.Contains("from CLR termination hook", StringComparison.Ordinal));
    }
}
