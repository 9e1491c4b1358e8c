using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorShutdown;

/// <summary>
/// Reads typed values from one config section, turning every malformed or out-of-range value into a
/// <see cref="ConfigurationException"/> that names the key's full path and what is wrong with it.
/// </summary>
internal sealed class SettingsReader(Config section, string path)
{
    private static readonly string[] Known =
    [
        "cancel-phase", "shield-phase", "cancel-interval", "max-cancel-attempts", "escalation", "escalation-timeout",
        "shield-timeout", "shielded-paths", "excluded-paths", "excluded-types", "deadline", "run-by-signals",
        "exit-process", "signal-exit-code", "unclean-exit-code", "cancel-sharded-entities", "dispatcher",
    ];

    /// <summary>Refuses a key the guardian does not know (a misspelt key would otherwise be ignored silently).</summary>
    internal void RejectUnknownKeys()
    {
        foreach (var entry in section.AsEnumerable())
        {
            if (Array.IndexOf(Known, entry.Key) < 0)
                throw Error(entry.Key, "is not a setting of the shutdown guardian (known: " + string.Join(", ", Known) + ")");
        }
    }

    internal string Phase(string key, IReadOnlyCollection<string> phases)
    {
        var phase = String(key);
        return phases.Contains(phase)
            ? phase
            : throw Error(key, $"names the phase '{phase}', which is not in akka.coordinated-shutdown.phases (known: {string.Join(", ", phases)})");
    }

    internal TimeSpan PositiveDuration(string key) =>
        PositiveDurationOr(key, word: null) ?? throw Error(key, "must be a duration > 0");

    /// <summary>A duration > 0, or null when the value is <paramref name="word"/> (such as "infinite" or "off").</summary>
    internal TimeSpan? PositiveDurationOr(string key, string? word)
    {
        var raw = Raw(key);
        if (word is not null && string.Equals(raw, word, StringComparison.OrdinalIgnoreCase)) return null;
        if (raw.StartsWith('-')) throw Error(key, $"must be a duration > 0; got '{raw}'");
        TimeSpan value;
        try
        {
            value = section.GetTimeSpan(key, allowInfinite: false);
        }
        catch (Exception e) when (e is not ConfigurationException || e.Message.Length > 0)
        {
            throw Error(key, $"must be a duration with a unit, such as 500ms or 2s{(word is null ? "" : $", or \"{word}\"")}; got '{raw}'");
        }
        return value > TimeSpan.Zero ? value : throw Error(key, $"must be a duration > 0; got '{raw}'");
    }

    internal int Int(string key, int min, int max)
    {
        var raw = Raw(key);
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"must be a whole number; got '{raw}'");
        return value >= min && value <= max ? value : throw Error(key, $"must be between {min} and {max}; got {value}");
    }

    internal bool Bool(string key)
    {
        var raw = Raw(key);
        return raw.ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw Error(key, $"must be on or off; got '{raw}'"),
        };
    }

    internal TEnum Enum<TEnum>(string key) where TEnum : struct, System.Enum
    {
        var raw = Raw(key);
        return System.Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && !int.TryParse(raw, out _)
            ? value
            : throw Error(key, $"must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}; got '{raw}'");
    }

    internal string String(string key)
    {
        var raw = Raw(key);
        return raw.Length > 0 ? raw : throw Error(key, "must not be empty");
    }

    internal IReadOnlyList<string> Strings(string key)
    {
        var value = Value(key);
        // Akka's HOCON reads a single string as a list of one: refuse it, it is almost always a missing pair of brackets.
        if (value.IsString() && value.GetString() is { Length: > 0 }) throw Error(key, $"must be a list of strings such as [\"a\", \"b\"]; got '{value}'");
        try
        {
            return [.. value.GetStringList()];
        }
        catch (Exception e) when (e is ConfigurationException or InvalidOperationException or NotSupportedException or FormatException)
        {
            throw Error(key, $"must be a list of strings such as [\"a\", \"b\"]; got '{value}'");
        }
    }

    /// <summary>A list of path patterns, each under <c>/user</c> with no empty segment.</summary>
    internal IReadOnlyList<string> Paths(string key)
    {
        var paths = Strings(key);
        foreach (var p in paths)
        {
            if (!PathPattern.IsValid(p)) throw Error(key, $"holds '{p}', which is not a path under /user such as /user/ledger or /user/audit/*");
        }
        return paths;
    }

    private HoconValue Value(string key) =>
        section.HasPath(key) ? section.GetValue(key) : throw Error(key, "is missing");

    private string Raw(string key)
    {
        var value = Value(key);
        if (!value.IsString()) throw Error(key, $"must be a single value; got '{value}'");
        return value.GetString()?.Trim() ?? "";
    }

    private ConfigurationException Error(string key, string problem) => new($"{path}.{key} {problem}.");
}
