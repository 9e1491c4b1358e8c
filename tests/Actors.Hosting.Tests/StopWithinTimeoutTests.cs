using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.Hosting.Tests;

/// <summary>The host's ShutdownTimeout holds, whatever the actors do, and the process exit code is the report's.</summary>
public sealed class StopWithinTimeoutTests : IDisposable
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly ManualResetEventSlim _blocked = new();

    [Fact]
    public async Task StopAsync_returns_within_the_hosts_ShutdownTimeout_and_reports_the_actors_it_gave_up_on()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(3), system =>
        {
            system.ActorOf(Props.Create(() => new IgnoresCancel()), "ignores");
            system.ActorOf(Props.Create(() => new Stuck(_gate, _blocked)), "stuck").Tell("block");
        }, options => options.EscalationTimeout = TimeSpan.FromMilliseconds(100));   // abandoned well before the run ends
        await host.StartAsync();
        Assert.True(_blocked.Wait(TimeSpan.FromSeconds(30)), "the stuck actor never blocked");

        var clock = Stopwatch.StartNew();
        await host.StopAsync();
        var took = clock.Elapsed;

        // The explicit requirement is a real-time bound: the host's 3 s, plus a margin for a loaded machine.
        Assert.True(took < TimeSpan.FromSeconds(4), $"StopAsync took {took}");
        var report = await host.Guardian().Report.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(report.Clean);
        Assert.Equal(ActorFate.Abandoned, report.Actors.Single(a => a.Path == "/user/stuck").Fate);
        var ignores = report.Actors.Single(a => a.Path == "/user/ignores");
        Assert.True(ignores.CancelAttempts >= 1, $"{ignores}");
        Assert.NotEqual(ActorFate.Stopped, ignores.Fate);
        Assert.Equal(70, report.ExitCode);
        Assert.Equal(70, Environment.ExitCode);
    }

    [Fact]
    public async Task A_clean_shutdown_sets_the_process_exit_code_to_0()
    {
        Environment.ExitCode = 99;
        // A long host timeout: no phase is scaled down to where a busy machine makes it look timed out.
        using var host = TestHosts.Build(TimeSpan.FromMinutes(10), system => system.ActorOf(Props.Create(() => new Cooperative()), "worker"));
        await host.StartAsync();

        await host.StopAsync();

        var report = await host.Guardian().Report.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(report.Clean, report.ToString());
        Assert.IsType<CoordinatedShutdown.ClrExitReason>(report.Reason);
        Assert.Equal(ActorFate.Stopped, report.Actors.Single(a => a.Path == "/user/worker").Fate);
        Assert.Equal(0, Environment.ExitCode);
    }

    [Fact]
    public async Task A_failed_task_makes_the_shutdown_unclean_and_the_process_exit_code_70()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10), system => ShutdownGuardian.Get(system).AddTask(
            CoordinatedShutdown.PhaseServiceStop, "fails", _ => Task.FromException(new InvalidOperationException("the disk is full"))));
        await host.StartAsync();

        await host.StopAsync();

        var report = await host.Guardian().Report.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(report.Clean);
        Assert.Equal(70, Environment.ExitCode);
    }

    [Fact]
    public async Task A_system_that_shuts_down_on_its_own_stops_the_host_with_the_reports_exit_code()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10));
        await host.StartAsync();

        _ = CoordinatedShutdown.Get(host.System()).Run(CoordinatedShutdown.UnknownReason.Instance);

        await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(host.System().WhenTerminated.IsCompleted);
        Assert.Equal(1, Environment.ExitCode);   // UnknownReason's own exit code: the report's, clean
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _blocked.Dispose();
        Environment.ExitCode = 0;
    }
}
