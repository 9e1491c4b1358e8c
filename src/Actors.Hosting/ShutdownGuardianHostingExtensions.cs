using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorShutdown.Hosting;

/// <summary>Adds the <see cref="ShutdownGuardian"/> to an actor system run by Akka.Hosting.</summary>
public static class ShutdownGuardianHostingExtensions
{
    /// <summary>
    /// Loads the <see cref="ShutdownGuardian"/> with the actor system and ties the coordinated shutdown to the host.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The options become <c>akka.shutdown-guardian</c> keys, prepended to the configuration added so far (call
    /// this after your own <c>AddHocon</c>: Akka reads phase timeouts when the system starts).</item>
    /// <item>The host's stop (Ctrl+C, SIGTERM, <c>StopAsync</c>) runs the coordinated shutdown within the host's
    /// <c>HostOptions.ShutdownTimeout</c>: the deadline is 90% of it unless set, the cancel and shield phases are lengthened
    /// to fit the cancel schedule, and every phase is scaled down in proportion when together they exceed the deadline.</item>
    /// <item>Signals are left to the host's lifetime (Akka's hook and the guardian's handler are off); the run's reason is
    /// a <see cref="SignalReason"/> when a signal stopped the host; a second SIGINT or SIGTERM during the shutdown exits
    /// the process at once with 130 or 143.</item>
    /// <item>The process exit code (<see cref="Environment.ExitCode"/>) is the report's; a system that shuts down on its
    /// own stops the host (Akka.Hosting does that).</item>
    /// <item>Health checks: readiness (tags <c>akka</c>, <c>ready</c>) turns unhealthy when a shutdown starts; Akka.Hosting's
    /// liveness check (<c>akka.actorsystem</c>, tags <c>akka</c>, <c>liveness</c>, <c>live</c>) stays healthy until the system has terminated.</item>
    /// <item>Unless the configuration names <c>akka.loggers</c>, Akka logs go to the host's <c>ILoggerFactory</c>.</item>
    /// <item>Unless the configuration names another, deque-based actors (the cancellable bases, Akka's stash) get
    /// ActorShutdown's deque mailbox: the same semantics as Akka's, without its cost when another actor enqueues.</item>
    /// </list>
    /// </remarks>
    /// <param name="builder">Akka.Hosting's builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ConfigurationException">An option or a configured guardian key is invalid (the message names the key).</exception>
    public static AkkaConfigurationBuilder WithShutdownGuardian(this AkkaConfigurationBuilder builder, Action<ShutdownGuardianOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ShutdownGuardianOptions();
        configure?.Invoke(options);
        var configured = builder.Configuration.HasValue ? builder.Configuration.Value : Config.Empty;
        var hostTimeout = HostShutdownTimeout.Of(AkkaHostingInternals.Services(builder));
        builder.AddHocon(HostedShutdownConfig.Build(options, configured, hostTimeout), HoconAddMode.Prepend);
        if (!configured.HasPath("akka.loggers")) builder.ConfigureLoggers(loggers => loggers.ClearLoggers().AddLoggerFactory());
        builder.WithExtension<ShutdownGuardianProvider>();
        builder.WithHealthCheck(new AkkaHealthCheckRegistration(ReadinessCheck.Name, new ReadinessCheck(), HealthStatus.Unhealthy, ["akka", "ready"]));
        builder.WithActorSystemLivenessCheck(tags: ["akka", "liveness", "live"]);
        builder.AddStartup((system, _) => HostedGuardian.Start(system, hostTimeout));
        return builder;
    }
}
