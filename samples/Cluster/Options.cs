using System.Globalization;

namespace ActorShutdown.Samples.Cluster;

/// <summary>The command line of one node.</summary>
internal sealed record Options(string Name, int Port, int? SeedPort, bool Singleton, string LeaseDirectory, string EventsFile, string? ReportFile)
{
    public const string Usage =
        "usage: ActorShutdown.Samples.Cluster --name <node> --port <port, 0 for any> [--seed <port of the first node>] "
        + "[--singleton] --lease-dir <folder> --events <file> [--report <file.json>]";

    /// <summary>Parses the arguments; a bad one is a <see cref="FormatException"/> naming it.</summary>
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var singleton = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--singleton") singleton = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) values[args[i]] = args[++i];
            else throw new FormatException($"unexpected argument '{args[i]}'");
        }
        string Required(string key) => values.TryGetValue(key, out var v) ? v : throw new FormatException($"{key} is required");
        int Port(string key, string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535
            ? p : throw new FormatException($"{key} must be a port number, got '{text}'");
        return new Options(Required("--name"), Port("--port", Required("--port")),
            values.TryGetValue("--seed", out var seed) ? Port("--seed", seed) : null, singleton,
            Required("--lease-dir"), Required("--events"), values.GetValueOrDefault("--report"));
    }
}
