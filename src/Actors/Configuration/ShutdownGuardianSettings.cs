using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown;

/// <summary>How an actor that resisted every cancel request is escalated.</summary>
internal enum Escalation
{
    /// <summary>Akka's Stop: takes effect at once, even on an actor in the middle of an await.</summary>
    Stop,

    /// <summary>Kill: waits for the running handler, then the supervisor decides.</summary>
    Kill,
}

/// <summary>The validated settings under <c>akka.shutdown-guardian</c>.</summary>
internal sealed record ShutdownGuardianSettings(
    string CancelPhase,
    string ShieldPhase,
    TimeSpan CancelInterval,
    int MaxCancelAttempts,
    Escalation Escalation,
    TimeSpan EscalationTimeout,
    TimeSpan? ShieldTimeout,
    IReadOnlyList<string> ShieldedPaths,
    IReadOnlyList<string> ExcludedPaths,
    IReadOnlyList<string> ExcludedTypes,
    TimeSpan? Deadline,
    bool RunBySignals,
    bool ExitProcess,
    int SignalExitCode,
    int UncleanExitCode,
    bool CancelShardedEntities)
{
    internal const string Section = "akka.shutdown-guardian";

    /// <summary>The dispatcher of the guardian's system actor.</summary>
    internal const string DispatcherId = Section + ".dispatcher";

    /// <summary>
    /// Reads and checks every key of <c>akka.shutdown-guardian</c> in <paramref name="config"/> (which must already
    /// fall back to the reference configuration).
    /// </summary>
    /// <exception cref="ConfigurationException">A value is malformed, out of range, names an unknown phase, or a key is unknown.</exception>
    internal static ShutdownGuardianSettings From(Config config, IReadOnlyCollection<string> phases)
    {
        var section = config.GetConfig(Section)
            ?? throw new ConfigurationException($"{Section} is missing: the reference configuration was not injected.");
        var reader = new SettingsReader(section, Section);
        reader.RejectUnknownKeys();
        var settings = new ShutdownGuardianSettings(
            CancelPhase: reader.Phase("cancel-phase", phases),
            ShieldPhase: reader.Phase("shield-phase", phases),
            CancelInterval: reader.PositiveDuration("cancel-interval"),
            MaxCancelAttempts: reader.Int("max-cancel-attempts", min: 1, max: 1_000_000),
            Escalation: reader.Enum<Escalation>("escalation"),
            EscalationTimeout: reader.PositiveDuration("escalation-timeout"),
            ShieldTimeout: reader.PositiveDurationOr("shield-timeout", "infinite"),
            ShieldedPaths: reader.Paths("shielded-paths"),
            ExcludedPaths: reader.Paths("excluded-paths"),
            ExcludedTypes: reader.Strings("excluded-types"),
            Deadline: reader.PositiveDurationOr("deadline", "off"),
            RunBySignals: reader.Bool("run-by-signals"),
            ExitProcess: reader.Bool("exit-process"),
            SignalExitCode: reader.Int("signal-exit-code", min: 0, max: 255),
            UncleanExitCode: reader.Int("unclean-exit-code", min: 1, max: 255),
            CancelShardedEntities: reader.Bool("cancel-sharded-entities"));
        return settings;
    }

    /// <summary>Attempts, the interval after the last one and the escalation timeout: the longest an actor is cancelled.</summary>
    internal TimeSpan CancelSchedule => CancelInterval * MaxCancelAttempts + EscalationTimeout;

    /// <summary>The key's full path, for messages.</summary>
    internal static string Key(string key) => $"{Section}.{key}";
}
