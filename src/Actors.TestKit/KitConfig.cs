using System.Globalization;
using Akka.Configuration;
using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>The configuration of a <see cref="ShutdownTestKit"/> system: the test's HOCON over the kit's settings.</summary>
internal static class KitConfig
{
    private static readonly Config Defaults = ConfigurationFactory.ParseString($$"""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        # A test process must never have its signals taken, nor exit when a shutdown ends.
        akka.shutdown-guardian.run-by-signals = off
        akka.shutdown-guardian.exit-process = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # The thread pool, counting each system's own mailbox runs, so RunShutdown can tell when the actors are quiet.
        akka.actor.default-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        akka.actor.internal-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        akka.actor.default-blocking-io-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        """);

    /// <summary>
    /// <paramref name="hocon"/> over the kit's settings. Unless the test sets it, the cancel phase's timeout is
    /// lengthened to hold the whole cancel schedule and one interval more, as <c>WithShutdownGuardian</c> does for a
    /// hosted system: Akka's default of 5 s would cut the default schedule (12 s) short.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// A guardian setting is invalid, or the scheduler is not a <see cref="TestScheduler"/>; the message names the key.
    /// </exception>
    public static Config For(string? hocon)
    {
        var own = string.IsNullOrWhiteSpace(hocon) ? Config.Empty : ConfigurationFactory.ParseString(hocon);
        var config = own.WithFallback(Defaults);
        const string schedulerKey = "akka.scheduler.implementation";
        var scheduler = config.GetString(schedulerKey);
        if (Type.GetType(scheduler) is not { } type || !typeof(TestScheduler).IsAssignableFrom(type))
            throw new ConfigurationException($"{schedulerKey} must be \"Akka.TestKit.TestScheduler, Akka.TestKit\" in a {nameof(ShutdownTestKit)}, not \"{scheduler}\"");
        var full = config.WithFallback(ReferenceConfig.Load()).WithFallback(ConfigurationFactory.Default());
        var phases = full.GetConfig("akka.coordinated-shutdown.phases").Root.GetObject().Items.Keys.ToList();
        var settings = ShutdownGuardianSettings.From(full, phases);
        var timeoutKey = $"akka.coordinated-shutdown.phases.{settings.CancelPhase}.timeout";
        if (own.HasPath(timeoutKey)) return config;
        var fitted = settings.CancelSchedule + settings.CancelInterval;
        var configured = full.GetTimeSpan(timeoutKey, full.GetTimeSpan("akka.coordinated-shutdown.default-phase-timeout"));   // as Akka reads it
        if (fitted <= configured) return config;
        return ConfigurationFactory.ParseString(
            string.Create(CultureInfo.InvariantCulture, $"{timeoutKey} = {(long)Math.Ceiling(fitted.TotalMilliseconds)}ms")).WithFallback(config);
    }
}
