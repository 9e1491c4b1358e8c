using System.Globalization;
using Akka.Configuration;

namespace ActorShutdown.App.Configuration;

/// <summary>Durations on the command line and in output, written as in HOCON: 500ms, 4s, 2m, infinite.</summary>
internal static class Durations
{
    /// <summary>Reads a duration such as <c>10s</c>, <c>500ms</c> or <c>2 minutes</c>, with Akka's HOCON rules.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('"', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal)) return false;
        try
        {
            duration = ConfigurationFactory.ParseString($"d = \"{text.Trim()}\"").GetTimeSpan("d", null, allowInfinite: false);
            return true;
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or OverflowException or ArgumentException or NullReferenceException)
        {
            return false;
        }
    }

    public static string Format(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan) return "infinite";
        if (span.Ticks % TimeSpan.TicksPerSecond != 0 || span < TimeSpan.FromSeconds(1))
            return span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        return span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
    }
}
