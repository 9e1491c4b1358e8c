namespace ActorShutdown.Configuration;

/// <summary>
/// <c>actors.coordinated-shutdown</c>, read and validated when an actor system is created. The
/// phases are as configured: their order, unknown dependencies and cycles are checked by the phase
/// runner.
/// </summary>
/// <param name="DefaultPhaseTimeout">The timeout of phases without their own: greater than zero, or infinite.</param>
/// <param name="TerminateActorSystem">Whether the last phase terminates the actor system.</param>
/// <param name="RunByActorSystemTerminate">Whether <c>ActorSystem.Terminate()</c> runs the phases.</param>
/// <param name="RunBySignals">Whether SIGTERM, SIGINT, SIGHUP and SIGQUIT run the phases.</param>
/// <param name="RunByProcessExit">Whether process exit runs the phases.</param>
/// <param name="ExitProcess">Whether the process exits with the report's exit code after the run.</param>
/// <param name="Deadline">The bound on the whole run, or null when <c>off</c>.</param>
/// <param name="Phases">Every phase under <c>phases</c>, ordered by name.</param>
internal sealed record CoordinatedShutdownSettings(
    TimeSpan DefaultPhaseTimeout,
    bool TerminateActorSystem,
    bool RunByActorSystemTerminate,
    bool RunBySignals,
    bool RunByProcessExit,
    bool ExitProcess,
    TimeSpan? Deadline,
    IReadOnlyList<PhaseDefinition> Phases)
{
    /// <summary>The section's path.</summary>
    public const string Section = "actors.coordinated-shutdown";

    private static readonly string[] PhaseKeys = ["depends-on", "timeout", "recover"];

    /// <summary>Reads the settings from a configuration that has reference.conf as its fallback.</summary>
    public static CoordinatedShutdownSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var section = root.GetConfig(Section);
        var defaultTimeout = section.PositiveDuration("default-phase-timeout", allowInfinite: true);
        var phases = section.GetConfig("phases");
        return new CoordinatedShutdownSettings(
            defaultTimeout,
            section.GetBoolean("terminate-actor-system"),
            section.GetBoolean("run-by-actor-system-terminate"),
            section.GetBoolean("run-by-signals"),
            section.GetBoolean("run-by-process-exit"),
            section.GetBoolean("exit-process"),
            section.OptionalPositiveDuration("deadline"),
            [.. phases.Keys.Select(name => ReadPhase(phases, name, defaultTimeout))]);
    }

    private static PhaseDefinition ReadPhase(Config phases, string name, TimeSpan defaultTimeout)
    {
        var key = ConfigPath.Of(name).ToString();
        var phase = phases.GetConfig(key);
        // A misspelt key would otherwise be ignored without a word.
        foreach (var unknown in phase.Keys.Where(k => !PhaseKeys.Contains(k)))
            throw phase.Invalid(ConfigPath.Of(unknown).ToString(), $"unknown phase setting; a phase has only {string.Join(", ", PhaseKeys)}");
        return new PhaseDefinition(
            name,
            phase.HasPath("depends-on") ? phase.GetStringList("depends-on") : [],
            phase.HasPath("timeout") ? phase.PositiveDuration("timeout", allowInfinite: true) : defaultTimeout,
            !phase.HasPath("recover") || phase.GetBoolean("recover"));
    }
}
