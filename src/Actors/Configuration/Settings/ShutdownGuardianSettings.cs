namespace ActorShutdown.Configuration;

/// <summary><c>actors.shutdown-guardian</c>, read and validated when an actor system is created.</summary>
/// <param name="Enabled">Whether the guardian starts with the system.</param>
/// <param name="CancelPhase">The phase in which unprotected actors are cancelled; one of the configured phases.</param>
/// <param name="ShieldPhase">The phase in which shielded actors drain; one of the configured phases.</param>
/// <param name="CancelInterval">The time between cancel attempts, greater than zero.</param>
/// <param name="MaxCancelAttempts">The attempts before escalation, at least 1.</param>
/// <param name="Escalation">What escalation does.</param>
/// <param name="EscalationTimeout">How long an escalated actor may take to stop before it is abandoned, greater than zero.</param>
/// <param name="ShieldTimeout">How long a shield lasts by default: greater than zero, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
/// <param name="ShieldedPaths">Path patterns of shielded actors: <c>/user/...</c>, where an element <c>*</c> matches any one name.</param>
/// <param name="ExcludedPaths">Path patterns of excluded actors, in the same form.</param>
internal sealed record ShutdownGuardianSettings(
    bool Enabled,
    string CancelPhase,
    string ShieldPhase,
    TimeSpan CancelInterval,
    int MaxCancelAttempts,
    ShutdownEscalation Escalation,
    TimeSpan EscalationTimeout,
    TimeSpan ShieldTimeout,
    IReadOnlyList<string> ShieldedPaths,
    IReadOnlyList<string> ExcludedPaths)
{
    /// <summary>The section's path.</summary>
    public const string Section = "actors.shutdown-guardian";

    /// <summary>Reads the settings from a configuration that has reference.conf as its fallback.</summary>
    public static ShutdownGuardianSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var section = root.GetConfig(Section);
        var phases = root.GetConfig($"{CoordinatedShutdownSettings.Section}.phases").Keys.ToList();
        return new ShutdownGuardianSettings(
            section.GetBoolean("enabled"),
            ReadPhase(section, "cancel-phase", phases),
            ReadPhase(section, "shield-phase", phases),
            section.PositiveDuration("cancel-interval", allowInfinite: false),
            section.IntAtLeast("max-cancel-attempts", 1),
            ReadEscalation(section),
            section.PositiveDuration("escalation-timeout", allowInfinite: false),
            section.PositiveDuration("shield-timeout", allowInfinite: true),
            ReadPathPatterns(section, "shielded-paths"),
            ReadPathPatterns(section, "excluded-paths"));
    }

    private static string ReadPhase(Config section, string key, List<string> phases)
    {
        var phase = section.NonEmptyString(key);
        return phases.Contains(phase)
            ? phase
            : throw section.Invalid(key, $"'{phase}' is not a phase of {CoordinatedShutdownSettings.Section}.phases (the phases are {string.Join(", ", phases)})");
    }

    private static ShutdownEscalation ReadEscalation(Config section)
    {
        var value = section.GetString("escalation").Trim();
        return value.ToUpperInvariant() switch
        {
            "KILL" => ShutdownEscalation.Kill,
            "STOP" => ShutdownEscalation.Stop,
            _ => throw section.Invalid("escalation", $"'{value}' is not an escalation; the allowed values are kill and stop"),
        };
    }

    private static IReadOnlyList<string> ReadPathPatterns(Config section, string key)
    {
        var patterns = section.GetStringList(key);
        foreach (var pattern in patterns)
        {
            if (PatternProblem(pattern) is { } problem)
                throw section.Invalid(key, $"'{pattern}' {problem}; expected a path under /user such as /user/ledger or /user/audit/*");
        }
        return patterns;
    }

    private static string? PatternProblem(string pattern)
    {
        const string user = "/user/";
        if (!pattern.StartsWith(user, StringComparison.Ordinal) || pattern.Length == user.Length)
            return "does not name an actor under /user";
        foreach (var element in pattern[user.Length..].Split('/'))
        {
            if (element.Length == 0) return "has an empty element (a doubled or trailing '/')";
            if (element != "*" && element.Contains('*', StringComparison.Ordinal))
                return $"has the element '{element}'; '*' must stand alone, matching any one actor name";
            if (element.Any(char.IsWhiteSpace)) return $"has whitespace in the element '{element}'";
        }
        return null;
    }
}
