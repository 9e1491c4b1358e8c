using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary><c>plan</c>: the phases in order with their timeouts and tasks, as the service's host fits them.</summary>
public sealed class PlanTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Plan_prints_the_phases_in_order_with_their_timeouts_and_tasks()
    {
        using var app = AppProcess.Start(log, "plan");

        Assert.Equal(0, await app.WaitForExitAsync());

        var phases = app.Lines.Where(l => Regex.IsMatch(l, @"^\s+\d+\s")).ToList();
        Assert.Equal(12, phases.Count);
        Assert.Matches(@"1\s+before-service-unbind\s+2s\s+stop-producers", phases[0]);
        Assert.Matches(@"3\s+service-requests-done\s+4s\s+shutdown-guardian-cancel", phases[2]);
        Assert.Matches(@"4\s+service-stop\s+4s\s+shutdown-guardian-drain", phases[3]);
        Assert.Matches(@"11\s+before-actor-system-terminate\s+2s\s+ledger-flushed, final-metrics", phases[10]);
        Assert.Matches(@"12\s+actor-system-terminate\s+5s\s+terminate-system", phases[11]);
        Assert.Contains(app.Lines, l => l.Contains("shielded actors drain their queued work: /user/ledger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_shows_the_phases_scaled_into_a_short_host_timeout()
    {
        using var app = AppProcess.Start(log, "plan", "--set", "app.host-shutdown-timeout=10s");

        Assert.Equal(0, await app.WaitForExitAsync());

        Assert.Contains(app.Lines, l => l.StartsWith("At most ", StringComparison.Ordinal) && l.Contains("within the deadline of 9s", StringComparison.Ordinal));
    }
}

/// <summary>The four scenarios, each replaying its asyncio pattern and saying whether it behaved as described.</summary>
public sealed class ScenarioTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Cancel_all_finishes_the_short_workers_and_cancels_the_rest_once_each()
    {
        using var app = AppProcess.Start(log, "scenario", "cancel-all", "--seed", "42");

        Assert.Equal(0, await app.WaitForExitAsync());

        var finished = int.Parse(Between(app.Output, "finished before the cancel: ", " worker"));
        var cancelled = int.Parse(Between(app.Output, "cancelled: ", " worker"));
        Assert.Equal(100, finished + cancelled);
        Assert.True(finished > 0 && cancelled > 0, app.Output);
        Assert.Contains($"cleanup completed: {cancelled} of {cancelled}", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_cancel_ends_after_2_attempts()
    {
        using var app = AppProcess.Start(log, "scenario", "force-cancel");

        Assert.Equal(0, await app.WaitForExitAsync());

        Assert.Contains("the worker ended stopped after 2 cancel request(s)", app.Output, StringComparison.Ordinal);
        Assert.Contains("its cleanup was cut short", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_second_ctrl_c_exits_at_once_with_130()
    {
        using var app = AppProcess.Start(log, "scenario", "interrupted");

        Assert.Equal(0, await app.WaitForExitAsync());

        Assert.Contains("with exit code 130", app.Output, StringComparison.Ordinal);
        Assert.Contains("child | Second SIGINT during shutdown", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shielded_finishes_3_and_cancels_3()
    {
        using var app = AppProcess.Start(log, "scenario", "shielded");

        Assert.Equal(0, await app.WaitForExitAsync());

        Assert.Contains("finished: 3 (shielded-1, shielded-2, shielded-3); cancelled: 3 (unshielded-1, unshielded-2, unshielded-3); reason SIGINT", app.Output, StringComparison.Ordinal);
    }

    private static string Between(string text, string before, string after)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal) + before.Length;
        return text[start..text.IndexOf(after, start, StringComparison.Ordinal)];
    }
}
