namespace ActorShutdown.Configuration;

/// <summary>
/// Reads a setting and checks its range, failing with a <see cref="ConfigurationException"/> that
/// names the full key and, when known, where the value was written.
/// </summary>
internal static class SettingsReader
{
    /// <summary>
    /// A duration greater than zero, written with its unit; "infinite" too when
    /// <paramref name="allowInfinite"/>. A bare number is refused here, although
    /// <see cref="Config.GetTimeSpan"/> reads it as milliseconds: in a setting it is too easily
    /// meant as seconds.
    /// </summary>
    public static TimeSpan PositiveDuration(this Config config, string path, bool allowInfinite)
    {
        // Decided on the text: "-1ms" parses to the same TimeSpan as "infinite" and must not pass for it.
        var text = config.GetString(path).Trim();
        if (text == UnitParser.Infinite)
            return allowInfinite ? Timeout.InfiniteTimeSpan : throw config.Invalid(path, "must be a finite duration greater than zero, not 'infinite'");
        var value = config.GetTimeSpan(path);
        if (!text.Any(char.IsLetter))
            throw config.Invalid(path, $"'{text}' has no unit; write the duration with one, such as {text}s or {text}ms");
        return value > TimeSpan.Zero
            ? value
            : throw config.Invalid(path, $"must be a duration greater than zero{(allowInfinite ? " or 'infinite'" : "")}, found '{text}'");
    }

    /// <summary>Null when the setting is <c>off</c> (or false/no), otherwise a finite duration greater than zero.</summary>
    public static TimeSpan? OptionalPositiveDuration(this Config config, string path) =>
        IsOff(config.GetString(path)) ? null : config.PositiveDuration(path, allowInfinite: false);

    /// <summary>A whole number no smaller than <paramref name="minimum"/>.</summary>
    public static int IntAtLeast(this Config config, string path, int minimum)
    {
        var value = config.GetInt(path);
        return value >= minimum ? value : throw config.Invalid(path, $"must be at least {minimum}, found {value}");
    }

    /// <summary>A string that is not empty or blank.</summary>
    public static string NonEmptyString(this Config config, string path)
    {
        var value = config.GetString(path);
        return !string.IsNullOrWhiteSpace(value) ? value : throw config.Invalid(path, "must not be empty");
    }

    /// <summary>The boolean words that switch a setting off.</summary>
    public static bool IsOff(string text) => text.Trim() is "off" or "false" or "no";

    /// <summary>The boolean words that switch a setting on.</summary>
    public static bool IsOn(string text) => text.Trim() is "on" or "true" or "yes";
}
