using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace ActorShutdown.Hosting;

/// <summary>
/// The HOCON that <see cref="ShutdownGuardianHostingExtensions.WithShutdownGuardian"/> prepends: the options as
/// <c>akka.shutdown-guardian</c> keys, the deadline, the signals left to the host's lifetime, and every phase's timeout
/// fitted by <see cref="PhaseBudget"/>.
/// </summary>
internal static class HostedShutdownConfig
{
    private const string Phases = "akka.coordinated-shutdown.phases";

    // Deque-based actors (the cancellable bases, Akka's stash) on ActorShutdown's deque mailbox, unless configured
    // otherwise: Akka's own counts its queue to tell whether it has messages, which spins while another actor enqueues.
    private const string DequeMailboxKey = "akka.actor.mailbox.unbounded-deque-based.mailbox-type";

    /// <summary>The configuration to prepend to <paramref name="configured"/> (what the builder holds so far).</summary>
    /// <exception cref="ConfigurationException">An option or a configured value is invalid; the message names the key.</exception>
    internal static Config Build(ShutdownGuardianOptions options, Config configured, TimeSpan hostShutdownTimeout)
    {
        var withDefaults = configured.WithFallback(ReferenceConfig.Load()).WithFallback(ConfigurationFactory.Default());
        var overrides = ConfigurationFactory.ParseString(GuardianKeys(options, withDefaults, hostShutdownTimeout));
        var effective = overrides.WithFallback(withDefaults);
        var phases = effective.GetConfig(Phases).Root.GetObject().Unwrapped.Keys.ToList();
        var settings = ShutdownGuardianSettings.From(effective, phases);
        var defaultTimeout = effective.GetTimeSpan("akka.coordinated-shutdown.default-phase-timeout");
        var configuredTimeouts = phases.ToDictionary(p => p, p => PhaseTimeout(effective, p, defaultTimeout));
        var fitted = PhaseBudget.Fit(configuredTimeouts, settings.CancelPhase, settings.ShieldPhase, settings.CancelSchedule, settings.Deadline);
        var timeouts = new StringBuilder();
        foreach (var (phase, timeout) in fitted) timeouts.Append(CultureInfo.InvariantCulture, $"{Phases}.{phase}.timeout = {Millis(timeout)}\n");
        return ConfigurationFactory.ParseString(timeouts.ToString()).WithFallback(overrides);
    }

    /// <summary>A phase's timeout, checked here: Akka would fail on a bad one only when the system starts, with no key named.</summary>
    private static TimeSpan PhaseTimeout(Config config, string phase, TimeSpan defaultTimeout)
    {
        var key = $"{Phases}.{phase}.timeout";
        TimeSpan timeout;
        try
        {
            timeout = config.GetTimeSpan(key, defaultTimeout, allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ConfigurationException($"{key} must be a duration with a unit, such as 500ms or 2s; got '{config.GetString(key)}'.", e);
        }
        if (timeout <= TimeSpan.Zero) throw new ConfigurationException($"{key} must be a duration > 0; got '{config.GetString(key)}'.");
        return timeout;
    }

    private static string GuardianKeys(ShutdownGuardianOptions options, Config configured, TimeSpan hostShutdownTimeout)
    {
        var keys = new StringBuilder("""
            # The host's lifetime owns SIGINT and SIGTERM: neither Akka's hook nor the guardian's handler competes with it.
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off

            """);
        // The builder's configuration holds Akka's defaults: only another value than Akka's own is the user's choice.
        if (configured.GetString(DequeMailboxKey, null) is not { } chosen || chosen == ConfigurationFactory.Default().GetString(DequeMailboxKey))
        {
            keys.Append(CultureInfo.InvariantCulture, $"{DequeMailboxKey} = \"{DequeMailbox.TypeName}\"\n");
        }
        void Key(string key, string value) => keys.Append(CultureInfo.InvariantCulture, $"akka.shutdown-guardian.{key} = {value}\n");
        if (options.CancelInterval is { } interval) Key("cancel-interval", Millis(interval));
        if (options.MaxCancelAttempts is { } attempts) Key("max-cancel-attempts", attempts.ToString(CultureInfo.InvariantCulture));
        if (options.EscalationTimeout is { } escalation) Key("escalation-timeout", Millis(escalation));
        if (options.ShieldTimeout is { } shield) Key("shield-timeout", shield == Timeout.InfiniteTimeSpan ? "infinite" : Millis(shield));
        if (options.ShieldedPaths.Count > 0) Key("shielded-paths", List(configured, "shielded-paths", options.ShieldedPaths));
        if (options.ExcludedPaths.Count > 0) Key("excluded-paths", List(configured, "excluded-paths", options.ExcludedPaths));
        if (Deadline(options, configured, hostShutdownTimeout) is { } deadline) Key("deadline", Millis(deadline));
        return keys.ToString();
    }

    /// <summary>
    /// The option's deadline; else 90% of the host's timeout (the rest is left to the hosted services that stop before
    /// the actor system), or the configured deadline when that is shorter; none when the host waits forever.
    /// </summary>
    private static TimeSpan? Deadline(ShutdownGuardianOptions options, Config configured, TimeSpan hostShutdownTimeout)
    {
        if (options.Deadline is { } own) return own;
        if (hostShutdownTimeout == Timeout.InfiniteTimeSpan) return null;
        var fromHost = hostShutdownTimeout * 0.9;
        var configuredDeadline = ConfiguredDeadline(configured);
        return configuredDeadline is { } set && set < fromHost ? set : fromHost;
    }

    /// <summary>The configured <c>deadline</c>, if any; checked here because the host's value will override it.</summary>
    private static TimeSpan? ConfiguredDeadline(Config configured)
    {
        const string key = "akka.shutdown-guardian.deadline";
        var text = configured.GetString(key);
        if (text is null or "off") return null;
        try
        {
            var deadline = configured.GetTimeSpan(key);
            if (deadline > TimeSpan.Zero) return deadline;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            // Refused below, by key.
        }
        throw new ConfigurationException($"{key} must be a duration > 0, or off; got '{text}'.");
    }

    /// <summary>The configured list with the option's patterns added, as HOCON.</summary>
    private static string List(Config configured, string key, IEnumerable<string> added) =>
        "[" + string.Join(", ", configured.GetStringList($"akka.shutdown-guardian.{key}").Concat(added).Distinct(StringComparer.Ordinal).Select(Quote)) + "]";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A duration in HOCON; a negative or zero one is written as it is, for the settings to refuse by key.</summary>
    private static string Millis(TimeSpan span) => FormattableString.Invariant($"{(long)Math.Round(span.TotalMilliseconds)}ms");
}
