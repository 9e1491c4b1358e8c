using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorShutdown.Tests.Signals;

/// <summary>
/// A second SIGINT or SIGTERM while the shutdown still runs ends the process at once with 128 + the signal number,
/// after one line on stderr naming the phase and how many actors were still running.
/// </summary>
[Collection(SignalTargetSerial.Name)]
public sealed partial class SecondSignalTests
{
    /// <summary>3 workers and the resister.</summary>
    private const int ActorsStarted = 4;

    [Theory]
    [InlineData(Libc.SIGINT, Libc.SIGINT, 130)]
    [InlineData(Libc.SIGTERM, Libc.SIGTERM, 143)]
    [InlineData(Libc.SIGINT, Libc.SIGTERM, 143)]
    public async Task A_second_signal_during_the_run_exits_at_once_with_128_plus_the_signal(int first, int second, int expectedExitCode)
    {
        // A cancel request every 10 s to an actor that resists all 10 of them: the run would last 100 s, and the
        // guard on the exit is far shorter.
        using var target = await SignalTargetProcess.StartAsync(
            "--resist",
            "--set", "akka.shutdown-guardian.cancel-interval=10s",
            "--set", "akka.coordinated-shutdown.phases.service-requests-done.timeout=300s");
        target.Signal(first);
        // The resister swallowed the first cancel request: the run is in its cancel phase.
        await target.WaitForLineAsync("resisted 1");

        target.Signal(second);

        var exitCode = await target.WaitForExitAsync();
        Assert.True(exitCode == expectedExitCode, $"exit code {exitCode}, expected {expectedExitCode}{target.Describe()}");
        var line = Assert.Single(target.Stderr);
        var match = HardExitLine().Match(line);
        Assert.True(match.Success, $"unexpected stderr line: {line}");
        Assert.Equal(Libc.Name(second), match.Groups["signal"].Value);
        Assert.Equal("service-requests-done", match.Groups["phase"].Value);
        Assert.InRange(int.Parse(match.Groups["running"].Value, CultureInfo.InvariantCulture), 1, ActorsStarted);
        // A hard exit: the report never completed, and no ProcessExit handler ran.
        Assert.DoesNotContain(target.Stdout, l => l.StartsWith("exit-code", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^Second (?<signal>SIG[A-Z]+) during shutdown \(phase (?<phase>[a-z-]+)\): exiting now with (?<running>\d+) actor\(s\) still running\.$")]
    private static partial Regex HardExitLine();
}
