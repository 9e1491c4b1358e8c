using System.Globalization;
using ActorShutdown.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorShutdown.Hosting;

/// <summary>Registers an <see cref="ActorSystem"/> with a .NET Generic Host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorSystem"/> as a singleton and a hosted service that runs it with the host.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The system logs through the host's <see cref="ILoggerFactory"/> and uses the host's
    /// <see cref="TimeProvider"/> when one is registered.</item>
    /// <item>The host's lifetime owns the process: the system's own signal, process-exit and exit-process
    /// hooks are turned off (<c>run-by-signals</c>, <c>run-by-process-exit</c>, <c>exit-process</c>),
    /// whatever the configuration says. A second SIGINT or SIGTERM while the shutdown runs still ends the
    /// process at once, with 130 or 143.</item>
    /// <item>The host's stop runs <see cref="CoordinatedShutdown"/> with <see cref="ShutdownReason.HostStopping"/>.
    /// The run's deadline (<c>actors.coordinated-shutdown.deadline</c>) becomes at most 90% of the host's
    /// <see cref="HostOptions.ShutdownTimeout"/>, so the phases plan to end in time; and if the host's
    /// shutdown token fires before they have, the run is cut short at once: the running phase ends, the
    /// phases left do not run, the system terminates (abandoning what does not stop right away), and the
    /// report is not clean.</item>
    /// <item>A system that terminates on its own (<see cref="ActorSystem.Terminate"/>, a shutdown started
    /// by <see cref="CoordinatedShutdown.Run"/>) stops the host.</item>
    /// <item>The process exit code follows the report (see <see cref="ActorSystemBuilder.SetProcessExitCode"/>).</item>
    /// </list>
    /// One actor system per service collection.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="name">The actor system's name.</param>
    /// <param name="configure">Adds configuration and actors.</param>
    /// <exception cref="InvalidOperationException">An actor system is already registered.</exception>
    /// <exception cref="ConfigurationException">Added configuration is invalid.</exception>
    public static IServiceCollection AddActorSystem(this IServiceCollection services, string name, Action<ActorSystemBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (services.Any(d => d.ServiceType == typeof(ActorSystem)))
            throw new InvalidOperationException("An ActorSystem is already registered in this service collection; AddActorSystem registers one per host.");
        var builder = new ActorSystemBuilder(name, services);
        configure?.Invoke(builder);
        services.AddSingleton(builder);
        services.AddSingleton(sp => CreateSystem(builder, sp));
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }

    private static ActorSystem CreateSystem(ActorSystemBuilder builder, IServiceProvider services)
    {
        var config = HostOverrides(builder.BuildConfig(), services.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout);
        return ActorSystem.Create(builder.Name, config,
            services.GetService<ILoggerFactory>(), services.GetService<TimeProvider>());
    }

    /// <summary>
    /// The settings the host imposes: its lifetime handles the process (signals, exit), and the run's
    /// deadline fits in its shutdown timeout.
    /// </summary>
    internal static Config HostOverrides(Config config, TimeSpan? hostShutdownTimeout)
    {
        var overrides = "actors.coordinated-shutdown { run-by-signals = off, run-by-process-exit = off, exit-process = off }";
        if (HostDeadline(config, hostShutdownTimeout) is { } deadline)
            overrides += string.Create(CultureInfo.InvariantCulture, $"\nactors.coordinated-shutdown.deadline = {(long)Math.Ceiling(deadline.TotalMilliseconds)}ms");
        return ConfigurationFactory.ParseString(overrides).WithFallback(config);
    }

    /// <summary>
    /// The deadline the run gets under a host: 90% of the host's shutdown timeout (the rest is a margin for
    /// the hosted services that stop before this one), or the configured deadline when smaller. Null when
    /// neither bounds the run.
    /// </summary>
    internal static TimeSpan? HostDeadline(Config config, TimeSpan? hostShutdownTimeout)
    {
        var configured = CoordinatedShutdownSettings.FromConfig(config.WithFallback(ConfigurationFactory.Default())).Deadline;
        if (hostShutdownTimeout is not { } timeout || timeout == Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero) return configured;
        var fromHost = timeout * 0.9;
        if (fromHost < TimeSpan.FromMilliseconds(1)) fromHost = TimeSpan.FromMilliseconds(1);
        return configured is { } own && own < fromHost ? own : fromHost;
    }
}
