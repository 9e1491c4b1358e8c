using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorShutdown.Hosting;

/// <summary>
/// Readiness (tag <c>ready</c>): healthy while the actor system runs, unhealthy the moment its coordinated shutdown
/// starts, so that a load balancer stops sending work before <c>service-unbind</c>. Liveness is a separate check.
/// </summary>
internal sealed class ReadinessCheck : IAkkaHealthCheck
{
    internal const string Name = "shutdown-guardian-readiness";

    public Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = CoordinatedShutdown.Get(context.ActorSystem).ShutdownReason;
        return Task.FromResult(reason is null
            ? HealthCheckResult.Healthy("The actor system runs.")
            : HealthCheckResult.Unhealthy($"The actor system is shutting down ({reason})."));
    }
}
