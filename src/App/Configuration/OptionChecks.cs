using System.Globalization;
using Akka.Configuration;

namespace ActorShutdown.App.Configuration;

/// <summary>
/// Checks every option before anything starts, so that a mistake is one line naming the option, never a stack trace
/// in the middle of a running service.
/// </summary>
internal static class OptionChecks
{
    /// <summary><c>--run-for</c>: a positive duration.</summary>
    public static TimeSpan? RunFor(string? text)
    {
        if (text is null) return null;
        if (text.TrimStart().StartsWith('-')) throw new UsageException("--run-for", $"'{text}' is negative: it must be longer than zero");
        if (!Durations.TryParse(text, out var duration)) throw new UsageException("--run-for", $"'{text}' is not a duration (write it like 10s, 500ms or 2m)");
        if (duration <= TimeSpan.Zero) throw new UsageException("--run-for", $"'{text}' must be longer than zero");
        return duration;
    }

    /// <summary><c>--workers</c>: a whole number of at least 1.</summary>
    public static int? Workers(string? text)
    {
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var workers))
            throw new UsageException("--workers", $"'{text}' is not a whole number");
        if (workers < 1) throw new UsageException("--workers", $"{workers} is too few: at least 1");
        return workers;
    }

    /// <summary>
    /// A file the App will write (<c>--report</c>) or append to (<c>--ledger</c>): its folder is created, and the file
    /// opened for writing once, so that a path that cannot be written fails now.
    /// </summary>
    public static string? WritableFile(string option, string? path)
    {
        if (path is null) return null;
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException(option, "the path is empty");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException(option, $"{full} is a folder, not a file");
        var existed = File.Exists(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }
            if (!existed) File.Delete(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException(option, $"{full} cannot be written ({e.Message})");
        }
        return full;
    }

    /// <summary>
    /// <c>--set key=value</c>: the key must be one the App, the library or Akka knows (a typo would otherwise be
    /// ignored), and the value valid HOCON.
    /// </summary>
    public static IReadOnlyList<Setting> Settings(IEnumerable<string> raw, Config known)
    {
        var settings = new List<Setting>();
        foreach (var text in raw)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new UsageException("--set", $"'{text}' is not key=value");
            var key = text[..equals].Trim();
            var value = text[(equals + 1)..].Trim();
            if (!IsKnown(known, key)) throw new UsageException("--set", $"{key} is not a setting of the App, the library or Akka (see hocon/app.conf)");
            if (value.Length == 0) throw new UsageException("--set", $"{key} has no value");
            Config config;
            try
            {
                config = ConfigurationFactory.ParseString($"{key} = {value}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new UsageException("--set", $"{key} = {value} is not valid HOCON ({e.Message.Split('\n')[0].Trim()})");
            }
            settings.Add(new Setting(key, value, config));
        }
        return settings;
    }

    /// <summary>
    /// A key the configuration has, or a phase's own key (Akka's phases take <c>timeout</c>, <c>recover</c> and
    /// <c>depends-on</c> from defaults, so most do not spell them out).
    /// </summary>
    private static bool IsKnown(Config known, string key)
    {
        try
        {
            if (known.HasPath(key)) return true;
            var dot = key.LastIndexOf('.');
            return dot > 0 && key[..dot] is var phase && phase.StartsWith(PhasesPrefix, StringComparison.Ordinal) && known.HasPath(phase)
                && key[(dot + 1)..] is "timeout" or "recover" or "depends-on";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;   // not even a well-formed path
        }
    }

    private const string PhasesPrefix = "akka.coordinated-shutdown.phases.";
}
