using System.Globalization;

namespace ActorShutdown.LeaseHolder;

/// <summary>One line per event, with its UTC time, on stdout and (when given) in a file; flushed at once.</summary>
internal sealed class EventLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter? _file;

    public EventLog(string? path)
    {
        if (path is not null) _file = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Write(string what, string detail)
    {
        lock (_gate)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:O} {what} {detail}").TrimEnd();
            Console.Out.WriteLine(line);
            Console.Out.Flush();
            _file?.WriteLine(line);
        }
    }

    public void Dispose() => _file?.Dispose();
}

/// <summary>"--name value" pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected an option, found '{args[i]}'");
            options._values[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
