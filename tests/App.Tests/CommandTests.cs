using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary><c>plan</c> and the four scenarios, each replaying its seed.</summary>
public sealed class PlanTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Plan_prints_the_phases_in_order_with_their_timeouts_and_tasks()
    {
        using var app = AppProcess.Start(log, "plan");
        Assert.Equal(0, await app.WaitForExitAsync());
        var phases = app.Lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s")).ToList();
        Assert.Collection(phases,
            l => Assert.Matches(@"1\s+before-service-unbind\s+5s\s+stop-producers", l),
            l => Assert.Matches(@"2\s+service-unbind\s+5s\s+-", l),
            l => Assert.Matches(@"3\s+service-requests-done\s+10s\s+cancel-actors", l),
            l => Assert.Matches(@"4\s+service-stop\s+10s\s+drain-shields", l),
            l => Assert.Matches(@"5\s+before-actor-system-terminate\s+5s\s+final-metrics", l),
            l => Assert.Matches(@"6\s+actor-system-terminate\s+5s\s+terminate-actor-system", l));
        Assert.Contains("/user/ledger", app.Output, StringComparison.Ordinal);
    }
}

public sealed class CancelAllScenarioTests(ITestOutputHelper log)
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
        Assert.Contains($"{cancelled} of them after exactly 1 cancel request", app.Output, StringComparison.Ordinal);
        Assert.Contains($"cleanup completed: {cancelled} of {cancelled}", app.Output, StringComparison.Ordinal);
    }

    private static string Between(string text, string before, string after)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal) + before.Length;
        return text[start..text.IndexOf(after, start, StringComparison.Ordinal)];
    }
}

public sealed class ForceCancelScenarioTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Force_cancel_ends_after_2_attempts()
    {
        using var app = AppProcess.Start(log, "scenario", "force-cancel");
        Assert.Equal(0, await app.WaitForExitAsync());
        Assert.Contains("the worker ended stopped after 2 cancel request(s)", app.Output, StringComparison.Ordinal);
        Assert.Contains("its cleanup was cut short", app.Output, StringComparison.Ordinal);
    }
}

public sealed class InterruptedScenarioTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Interrupted_second_ctrl_c_exits_at_once_with_130()
    {
        using var app = AppProcess.Start(log, "scenario", "interrupted");
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("with exit code 130", app.Output, StringComparison.Ordinal);
        Assert.Contains("child | Second SIGINT during shutdown", app.Output, StringComparison.Ordinal);
    }
}

public sealed class ShieldedScenarioTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Shielded_finishes_3_and_cancels_3()
    {
        using var app = AppProcess.Start(log, "scenario", "shielded");
        Assert.Equal(0, await app.WaitForExitAsync());
        Assert.Contains("finished: 3 (shielded-1, shielded-2, shielded-3); cancelled: 3 (unshielded-1, unshielded-2, unshielded-3)", app.Output, StringComparison.Ordinal);
        Assert.Contains("reason SIGINT, clean, exit code 0", app.Output, StringComparison.Ordinal);
    }
}
