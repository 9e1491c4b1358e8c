namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The process ends with the report's exit code: after a signal even with an actor blocked forever (where Akka alone
/// waits for termination forever), hard when the deadline passes, and with <c>exit-process</c> after a shutdown
/// started by <c>ActorSystem.Terminate()</c>.
/// </summary>
[Collection(SignalTargetSerial.Name)]
public sealed class ExitCodeTests
{
    /// <summary>Short guardian timings: the blocked actor is escalated after 0.2 s and abandoned 0.3 s later.</summary>
    private static readonly string[] ShortTimings =
    [
        "--set", "akka.shutdown-guardian.cancel-interval=100ms",
        "--set", "akka.shutdown-guardian.max-cancel-attempts=2",
        "--set", "akka.shutdown-guardian.escalation-timeout=300ms",
    ];

    /// <summary>The system cannot terminate with the blocked actor: Akka's last phase waits this long, then ends the run.</summary>
    private static readonly string[] ShortTerminate = ["--set", "akka.coordinated-shutdown.phases.actor-system-terminate.timeout=2s"];

    [Fact]
    public async Task With_an_actor_blocked_forever_a_signal_still_ends_the_process_with_70()
    {
        using var target = await SignalTargetProcess.StartAsync(["--block", .. ShortTimings, .. ShortTerminate]);
        await target.WaitForLineAsync("blocking");

        target.Signal(Libc.SIGTERM);

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == 70, $"exit code {exitCode}, expected 70{target.Describe()}");
        Assert.Contains(target.Stdout, line => line.StartsWith("Shutdown (SIGTERM): exit code 70, not clean", StringComparison.Ordinal));
        Assert.Contains(target.Stdout, line => line.Contains("1 abandoned", StringComparison.Ordinal));
        Assert.Contains("exit-code 70", target.Stdout);
    }

    [Fact]
    public async Task When_the_deadline_passes_the_process_exits_hard_with_70()
    {
        // Akka's last phase would wait 10 s for the blocked actor; the deadline ends the run at 2 s.
        using var target = await SignalTargetProcess.StartAsync(["--block", .. ShortTimings, "--set", "akka.shutdown-guardian.deadline=2s"]);
        await target.WaitForLineAsync("blocking");

        target.Signal(Libc.SIGTERM);

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == 70, $"exit code {exitCode}, expected 70{target.Describe()}");
        Assert.Contains("shutdown-started SIGTERM", target.Stdout);
        // A hard exit: SignalTarget's ProcessExit handler, which prints the report, never ran.
        Assert.DoesNotContain(target.Stdout, line => line.StartsWith("exit-code", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 70)]
    public async Task With_exit_process_a_shutdown_by_Terminate_ends_the_process_with_the_reports_exit_code(bool block, int expectedExitCode)
    {
        // Signals are left to Akka's own hook here: exit-process alone must end the process (Main never returns).
        string[] options = ["--terminate-on-input", "--set", "akka.shutdown-guardian.run-by-signals=off", "--set", "akka.shutdown-guardian.exit-process=on"];
        using var target = await SignalTargetProcess.StartAsync(block ? ["--block", .. options, .. ShortTimings, .. ShortTerminate] : options);

        target.WriteLine("terminate");

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == expectedExitCode, $"exit code {exitCode}, expected {expectedExitCode}{target.Describe()}");
        Assert.Contains("shutdown-started ActorSystemTerminateReason", target.Stdout);
        Assert.Contains($"exit-code {expectedExitCode}", target.Stdout);
    }
}
