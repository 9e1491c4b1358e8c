using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorShutdown.Tests.Shutdown.Signals;

/// <summary>
/// A second SIGINT or SIGTERM while the shutdown still runs ends the process at once with 128 + the
/// signal number, after one line on stderr saying how many actors were still running.
/// </summary>
public sealed partial class SecondSignalTests
{
    /// <summary>
    /// The bound the design sets on "at once". It is the one duration the tests assert: the process
    /// has nothing left to wait for, so only a broken exit path comes near it.
    /// </summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(5);

    /// <summary>3 workers and the resister.</summary>
    private const int ActorsStarted = 4;

    [Theory]
    [InlineData(Libc.SIGINT, Libc.SIGINT, 130)]
    [InlineData(Libc.SIGTERM, Libc.SIGTERM, 143)]
    [InlineData(Libc.SIGINT, Libc.SIGTERM, 143)]
    public async Task Second_signal_during_shutdown_exits_at_once_with_128_plus_the_signal(int first, int second, int expectedExitCode)
    {
        // A cancel request every 2 s to an actor that resists 10 of them: the shutdown would take 20 s.
        using var target = await SignalTargetProcess.StartAsync("--cancel-interval", "2s");
        target.Signal(first);
        // The resister swallowed the first cancel request: the shutdown is in its cancel phase.
        await target.WaitForLineAsync("resisted 1");

        var sinceSecond = Stopwatch.StartNew();
        target.Signal(second);
        var exitCode = await target.WaitForExitAsync();
        sinceSecond.Stop();

        Assert.True(exitCode == expectedExitCode, $"exit code {exitCode}, expected {expectedExitCode}{target.Describe()}");
        Assert.True(sinceSecond.Elapsed < ExitBound, $"exited {sinceSecond.Elapsed} after the second signal{target.Describe()}");
        var line = Assert.Single(target.Stderr);
        var match = ForcedExitLine().Match(line);
        Assert.True(match.Success, $"unexpected stderr line: {line}");
        Assert.Equal(Libc.Name(second), match.Groups["signal"].Value);
        Assert.InRange(int.Parse(match.Groups["running"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, ActorsStarted);
        // The phases did not run to the end.
        Assert.Empty(target.MarkerLines);
    }

    [GeneratedRegex(@"^Second (?<signal>SIG[A-Z]+) during shutdown: exiting now with (?<running>\d+) actor\(s\) still running\.$")]
    private static partial Regex ForcedExitLine();
}
