using System.Globalization;

namespace ActorShutdown.Configuration;

/// <summary>
/// Durations and sizes in HOCON's units format: a number, optional whitespace, then an optional
/// unit made of letters. Without a unit a duration is in milliseconds and a size in bytes.
/// Duration units are lowercase only; size units follow HOCON's list (powers of ten such as
/// <c>kB</c>, <c>MB</c>; powers of two such as <c>K</c>, <c>Ki</c>, <c>KiB</c>, <c>M</c>, <c>MiB</c>).
/// </summary>
internal static class UnitParser
{
    public const string Infinite = "infinite";

    private const string DurationUnitList = "ns, us, ms, s, m, h, d, or nanoseconds, microseconds, milliseconds, seconds, minutes, hours, days " +
        "(also the singular forms and nano(s), micro(s), milli(s))";

    private const string SizeUnitList = "B, bytes, kB, MB, GB, TB, PB, EB (powers of 1000), K, Ki, KiB, M, Mi, MiB, G, Gi, GiB, " +
        "T, Ti, TiB, P, Pi, PiB, E, Ei, EiB (powers of 1024), or the long forms such as kilobytes and kibibytes";

    private static readonly Dictionary<string, decimal> TicksPerDurationUnit = BuildDurationUnits();

    private static readonly Dictionary<string, decimal> BytesPerSizeUnit = BuildSizeUnits();

    private static Dictionary<string, decimal> BuildDurationUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names) { foreach (var name in names) units[name] = ticks; }
        Add(TimeSpan.TicksPerMicrosecond / 1000m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "", "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, decimal> BuildSizeUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { [""] = 1, ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1 };
        string[] decimalNames = ["kB kilobyte", "MB megabyte", "GB gigabyte", "TB terabyte", "PB petabyte", "EB exabyte"];
        string[] binaryNames = ["K k Ki KiB kibibyte", "M m Mi MiB mebibyte", "G g Gi GiB gibibyte",
            "T t Ti TiB tebibyte", "P p Pi PiB pebibyte", "E e Ei EiB exbibyte"];
        decimal powerOfTen = 1, powerOfTwo = 1;
        for (var i = 0; i < decimalNames.Length; i++)
        {
            powerOfTen *= 1000;
            powerOfTwo *= 1024;
            foreach (var name in decimalNames[i].Split(' ')) units[name] = powerOfTen;
            foreach (var name in binaryNames[i].Split(' ')) units[name] = powerOfTwo;
            units[decimalNames[i].Split(' ')[1] + "s"] = powerOfTen;
            units[binaryNames[i].Split(' ')[^1] + "s"] = powerOfTwo;
        }
        return units;
    }

    /// <summary>Parses a duration; <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (text.Trim() == Infinite)
        {
            value = Timeout.InfiniteTimeSpan;
            error = "";
            return true;
        }
        if (!TryScale(text, "duration", "'5s', '500 ms' or 'infinite'", TicksPerDurationUnit, DurationUnitList, out var ticks, out error))
            return false;
        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Parses a size in bytes, rounded to a whole byte.</summary>
    public static bool TryParseByteSize(string text, out long value, out string error) =>
        TryScale(text, "size in bytes", "'512', '10k' or '5 MiB'", BytesPerSizeUnit, SizeUnitList, out value, out error);

    private static bool TryScale(string text, string what, string examples, Dictionary<string, decimal> units, string unitList,
        out long value, out string error)
    {
        value = 0;
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1])) unitStart--;
        var number = trimmed[..unitStart].TrimEnd();
        var unit = trimmed[unitStart..];

        if (number.Length == 0)
        {
            error = $"'{text}' is not a {what}: expected a number, optionally followed by a unit, such as {examples}";
            return false;
        }
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text}' is not a {what}: '{number}' is not a number in range (expected something such as {examples})";
            return false;
        }
        if (!units.TryGetValue(unit, out var scale))
        {
            error = $"unknown unit '{unit}' in the {what} '{text}'; valid units are {unitList}";
            return false;
        }
        if (Math.Abs(amount) > long.MaxValue / scale)
        {
            error = $"the {what} '{text}' is out of range";
            return false;
        }
        value = (long)decimal.Round(amount * scale, MidpointRounding.AwayFromZero);
        error = "";
        return true;
    }
}
