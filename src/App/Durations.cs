using System.Globalization;
using ActorShutdown.Configuration;

namespace ActorShutdown.App;

/// <summary>Durations on the command line and in output, written like HOCON's: 500ms, 4s, 2m, infinite.</summary>
internal static class Durations
{
    /// <summary>Reads a duration such as <c>10s</c>, <c>500ms</c> or <c>2 minutes</c>.</summary>
    /// <exception cref="ConfigurationException">Not a duration.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = "\"" + text.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal) + "\"";
        return ConfigurationFactory.ParseString("d = " + quoted).GetTimeSpan("d");
    }

    public static string Format(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan) return "infinite";
        if (span.Ticks % TimeSpan.TicksPerSecond != 0 || span < TimeSpan.FromSeconds(1))
            return span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        if (span.TotalSeconds < 120 || span.Ticks % TimeSpan.TicksPerMinute != 0)
            return span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
        return span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + "m";
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
