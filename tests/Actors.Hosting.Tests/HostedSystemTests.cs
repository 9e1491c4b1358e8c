using ActorShutdown.Configuration;
using ActorShutdown.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.Hosting.Tests;

public sealed class HostedSystemTests
{
    private static readonly TimeSpan Patience = TestHosts.Patience;

    [Fact]
    public async Task Host_stop_runs_the_phases_with_reason_HostStopping_and_terminates_the_system()
    {
        var ran = new TaskCompletionSource<ShutdownReason?>(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef? worker = null;
        using var host = TestHosts.Build(actors => actors.WithActors((system, _) =>
        {
            var shutdown = CoordinatedShutdown.Get(system);
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "probe", _ =>
            {
                ran.TrySetResult(shutdown.Reason);
                return Task.CompletedTask;
            });
            worker = system.ActorOf(Chaos.SlowCleanup(TimeSpan.FromMilliseconds(10)), "worker");
        }));
        await host.StartAsync().WaitAsync(Patience);
        Assert.False(ran.Task.IsCompleted);

        await host.StopAsync().WaitAsync(Patience);

        Assert.Same(ShutdownReason.HostStopping, await ran.Task.WaitAsync(Patience));
        Assert.True(host.System().WhenTerminated.IsCompleted);
        var report = await host.Report();
        Assert.Same(ShutdownReason.HostStopping, report.Reason);
        Assert.True(report.Clean, report.ToString());
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(CoordinatedShutdown.Get(host.System()).OrderedPhases, report.Phases.Select(p => p.Name));
        Assert.Equal(ActorFate.Stopped, report.For(worker!)!.Fate);
        Assert.Contains(report.Phases.SelectMany(p => p.Tasks), t => t.Name == "probe");
    }

    [Fact]
    public async Task A_host_token_that_fires_before_the_phases_end_cuts_the_run_short_and_the_report_says_so()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef? deaf = null;
        using var host = TestHosts.Build(actors => actors.WithActors((system, _) =>
        {
            // A task that would hold service-unbind for its whole timeout (5s by default).
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "slow-unbind", async token =>
            {
                waiting.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            });
            deaf = system.ActorOf(Chaos.IgnoresCancel(), "deaf");
        }));
        await host.StartAsync().WaitAsync(Patience);
        using var hostToken = new CancellationTokenSource();

        var stop = host.StopAsync(hostToken.Token);
        await waiting.Task.WaitAsync(Patience);
        await hostToken.CancelAsync();
        await stop.WaitAsync(Patience);

        var report = await host.Report();
        Assert.False(report.Clean);
        Assert.Equal(3, report.ExitCode);
        var phases = report.Phases.ToDictionary(p => p.Name);
        // The phase that was running ended when the token fired; its task is recorded as timed out.
        Assert.True(phases[CoordinatedShutdown.PhaseServiceUnbind].TimedOut);
        Assert.True(phases[CoordinatedShutdown.PhaseServiceUnbind].Tasks.Single().TimedOut);
        // The phases left were cut short: their tasks did not run.
        var cancelPhase = phases[CoordinatedShutdown.PhaseServiceRequestsDone];
        Assert.True(cancelPhase.TimedOut);
        Assert.Equal(TimeSpan.Zero, cancelPhase.Duration);
        Assert.Contains("CUT SHORT", report.ToString(), StringComparison.Ordinal);
        // The cancel phase never ran, so the guardian never took the actor that ignores cancellation; and the
        // last phase still terminated the system.
        Assert.Null(report.For(deaf!));
        await host.System().WhenTerminated.WaitAsync(Patience);
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_bounds_the_run_when_the_phases_would_take_longer()
    {
        using var host = TestHosts.Build(actors => actors
            .AddHocon("actors.coordinated-shutdown.phases.service-unbind.timeout = 10m")
            .WithActors((system, _) =>
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "endless",
                    token => Task.Delay(Timeout.InfiniteTimeSpan, token))),
            shutdownTimeout: TimeSpan.FromSeconds(1));
        await host.StartAsync().WaitAsync(Patience);

        await host.StopAsync().WaitAsync(Patience);

        var report = await host.Report();
        Assert.False(report.Clean);
        Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceUnbind).TimedOut);
        await host.System().WhenTerminated.WaitAsync(Patience);
    }

    [Fact]
    public void The_runs_deadline_is_90_percent_of_the_hosts_shutdown_timeout_or_the_configured_one_when_smaller()
    {
        using (var host = TestHosts.Build(_ => { }, shutdownTimeout: TimeSpan.FromSeconds(10)))
            Assert.Equal(TimeSpan.FromSeconds(9), CoordinatedShutdown.Get(host.System()).TotalTimeout);
        using (var host = TestHosts.Build(a => a.AddHocon("actors.coordinated-shutdown.deadline = 4s"), shutdownTimeout: TimeSpan.FromSeconds(10)))
            Assert.Equal(TimeSpan.FromSeconds(4), CoordinatedShutdown.Get(host.System()).TotalTimeout);
        using (var host = TestHosts.Build(_ => { }, shutdownTimeout: Timeout.InfiniteTimeSpan))
            Assert.Equal(TimeSpan.FromSeconds(70), CoordinatedShutdown.Get(host.System()).TotalTimeout);
    }

    [Fact]
    public async Task A_system_that_terminates_on_its_own_stops_the_host_and_sets_the_exit_code_from_the_report()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddActorSystem("self-stopping");   // SetProcessExitCode stays on: the one test that checks it
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Patience);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var _ = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        var previous = Environment.ExitCode;
        try
        {
            // A shutdown nobody asked the host for: its own reason, with exit code 7.
            var report = await CoordinatedShutdown.Get(host.System()).Run(new SevenReason()).WaitAsync(Patience);

            await stopping.Task.WaitAsync(Patience);
            await host.WaitForShutdownAsync().WaitAsync(Patience);
            Assert.Equal(7, report.ExitCode);
            Assert.Equal(7, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = previous;
        }
    }

    [Fact]
    public async Task Terminate_stops_the_host()
    {
        using var host = TestHosts.Build(_ => { });
        await host.StartAsync().WaitAsync(Patience);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());

        await host.System().Terminate().WaitAsync(Patience);

        await stopped.Task.WaitAsync(Patience);
        await host.StopAsync().WaitAsync(Patience);
        Assert.Same(ShutdownReason.ActorSystemTerminate, (await host.Report()).Reason);
    }

    [Fact]
    public async Task The_system_logs_through_the_hosts_logger_factory()
    {
        var logs = new LogSink();
        using var host = TestHosts.Build(_ => { }, logs: logs);
        await host.StartAsync().WaitAsync(Patience);
        await host.StopAsync().WaitAsync(Patience);

        Assert.Contains(logs.Entries, e => e.Category == "ActorShutdown.CoordinatedShutdown" && e.Message.Contains("host-stopping", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "ActorShutdown.Hosting" && e.Message.Contains("started with the host", StringComparison.Ordinal));
    }

    [Fact]
    public void Later_configuration_wins_everything_falls_back_to_reference_conf_and_the_host_owns_the_process()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "actors.dispatcher.throughput = 7\nactors.ask-timeout = 3s");
            using var host = TestHosts.Build(actors => actors
                .AddHocon("actors.ask-timeout = 1s\nactors.log-dead-letters = 4")
                .AddHoconFile(file)
                .AddHocon("actors.ask-timeout = 2s\nactors.coordinated-shutdown { run-by-signals = on, exit-process = on }"));
            var config = host.System().Config;

            Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("actors.ask-timeout"));
            Assert.Equal(7, config.GetInt("actors.dispatcher.throughput"));
            Assert.Equal(4, config.GetInt("actors.log-dead-letters"));
            Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("actors.coordinated-shutdown.default-phase-timeout"));   // reference.conf
            Assert.False(config.GetBoolean("actors.coordinated-shutdown.run-by-signals"));
            Assert.False(config.GetBoolean("actors.coordinated-shutdown.run-by-process-exit"));
            Assert.False(config.GetBoolean("actors.coordinated-shutdown.exit-process"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Bad_configuration_fails_when_it_is_added()
    {
        var services = new ServiceCollection();
        Assert.Throws<ConfigurationException>(() => services.AddActorSystem("bad", a => a.AddHocon("actors { ask-timeout = ")));
        Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddActorSystem("missing", a => a.AddHoconFile("/no/such/file.conf")));
    }

    [Fact]
    public async Task WithActors_runs_at_start_with_the_hosts_services()
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = TestHosts.Build(
            actors => actors.WithActors((system, services) => seen.TrySetResult(services.GetRequiredService<Greeting>().Text + " " + system.Name)),
            services => services.AddSingleton(new Greeting("hello")));
        Assert.False(seen.Task.IsCompleted);

        await host.StartAsync().WaitAsync(Patience);

        Assert.Equal("hello hosted", await seen.Task.WaitAsync(Patience));
        await host.StopAsync().WaitAsync(Patience);
    }

    [Fact]
    public void One_actor_system_per_service_collection()
    {
        var services = new ServiceCollection();
        services.AddActorSystem("first");
        Assert.Throws<InvalidOperationException>(() => services.AddActorSystem("second"));
    }

    private sealed record Greeting(string Text);

    private sealed class SevenReason() : ShutdownReason("seven", 7);
}
