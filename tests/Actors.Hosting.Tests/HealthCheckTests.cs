using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorShutdown.Hosting.Tests;

/// <summary>Readiness turns unhealthy the moment a shutdown starts; liveness stays healthy.</summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Readiness_turns_unhealthy_when_the_shutdown_starts_and_liveness_stays_healthy()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(20), system => ShutdownGuardian.Get(system).AddTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind, "hold", _ =>
            {
                _holding.TrySetResult();
                return _release.Task;
            }));
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Status);

        var stopping = host.StopAsync();
        await _holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Status);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Tags.Contains("live"))).Status);
        _release.TrySetResult();
        await stopping;
    }

    public void Dispose()
    {
        _release.TrySetResult();
        Environment.ExitCode = 0;
    }
}
