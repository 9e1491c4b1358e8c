using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.Hosting.Tests;

/// <summary>
/// What the Hosting package relies on in Akka.Hosting 1.5.75, so that a change there fails here loudly: the builder's
/// internal service collection, and AkkaHostedService.StopAsync running the shutdown with ClrExitReason while ignoring
/// the host's token (which is why the phases are fitted to the deadline, and why a signal's reason must come first).
/// </summary>
public sealed class AkkaHostingInternalsTests
{
    [Fact]
    public void The_builder_keeps_the_service_collection_it_was_made_for()
    {
        var services = new ServiceCollection();

        Assert.Same(services, AkkaHostingInternals.Services(new AkkaConfigurationBuilder(services, "test")));
    }

    [Fact]
    public void The_host_timeout_is_read_from_the_options_configured_on_the_collection()
    {
        var services = new ServiceCollection();
        Assert.Equal(new HostOptions().ShutdownTimeout, HostShutdownTimeout.Of(services));

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), HostShutdownTimeout.Of(services));
    }

    [Fact]
    public async Task AkkaHostedService_StopAsync_runs_the_shutdown_with_ClrExitReason_and_ignores_the_token()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("plain", akka => akka.WithActors((system, _) =>
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "hold", async () =>
            {
                holding.TrySetResult();
                await release.Task;
                return Akka.Done.Instance;
            })));
        using var host = builder.Build();
        await host.StartAsync();
        var service = host.Services.GetServices<IHostedService>().OfType<AkkaHostedService>().Single();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var stop = service.StopAsync(cancelled.Token);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(stop.IsCompleted, "AkkaHostedService.StopAsync now honours the host's token: revisit HostedGuardian");
        Assert.IsType<CoordinatedShutdown.ClrExitReason>(CoordinatedShutdown.Get(host.Services.GetRequiredService<ActorSystem>()).ShutdownReason);
        release.TrySetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
