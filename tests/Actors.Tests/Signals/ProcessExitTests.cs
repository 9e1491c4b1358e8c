namespace ActorShutdown.Tests.Signals;

/// <summary>
/// A Main that returns with its actor system still running: the guardian, having disarmed Akka's own hook, runs the
/// shutdown on ProcessExit with <see cref="Akka.Actor.CoordinatedShutdown.ClrExitReason"/> and waits for the report;
/// the process keeps the exit code Main returned.
/// </summary>
[Collection(SignalTargetSerial.Name)]
public sealed class ProcessExitTests
{
    [Fact]
    public async Task Main_returning_runs_the_shutdown_on_ProcessExit_and_keeps_Mains_exit_code()
    {
        using var target = await SignalTargetProcess.StartAsync("--return-on-input");

        target.WriteLine("return");

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == 5, $"exit code {exitCode}, expected 5 (Main's){target.Describe()}");
        Assert.Contains("shutdown-started ClrExitReason", target.Stdout);
        // The run ended before the process did: SignalTarget's ProcessExit handler, after the guardian's, found the report.
        Assert.Contains("exit-code 0", target.Stdout);
    }
}
