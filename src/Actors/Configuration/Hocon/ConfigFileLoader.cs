using System.Collections.Immutable;
using System.Security;

namespace ActorShutdown.Configuration;

/// <summary>
/// Finds, reads and parses configuration files: the one given to
/// <see cref="ConfigurationFactory.ParseFile"/> and those named by <c>include</c>, relative to the
/// including file (or to the current directory for parsed strings). The syntax follows the
/// extension; a name without one of the known extensions loads every file among
/// <c>name.conf</c>, <c>name.json</c> and <c>name.properties</c> that exists, merged with .conf
/// winning over .json winning over .properties. Include cycles are errors.
/// </summary>
internal sealed class ConfigFileLoader
{
    /// <summary>The known extensions, lowest priority first.</summary>
    private static readonly string[] Extensions = [".properties", ".json", ".conf"];

    private readonly string directory;
    private readonly ImmutableList<string> chain;   // the files being loaded, outermost first

    private ConfigFileLoader(string directory, ImmutableList<string> chain)
    {
        this.directory = directory;
        this.chain = chain;
    }

    /// <summary>The loader for text that is not a file: includes are relative to the current directory.</summary>
    public static ConfigFileLoader ForText() => new(Environment.CurrentDirectory, []);

    /// <summary>Loads a file named by the caller; a missing file is an error.</summary>
    public static ObjectNode LoadFile(string path)
    {
        var fullPath = FullPath(path, default);
        if (!File.Exists(fullPath)) throw new ConfigurationException($"Configuration file '{path}' not found (looked for {fullPath})");
        return ForText().Load(fullPath, ConfigPath.Root, 0, default);
    }

    /// <summary>The merged content of an included name.</summary>
    /// <param name="name">The name as written in the include.</param>
    /// <param name="includedAt">The include statement, for messages.</param>
    /// <param name="prefix">Where the include sits; substitutions in the included files are relative to it.</param>
    /// <param name="depth">How deeply the include statement is nested.</param>
    public ObjectNode Include(string name, SourcePosition includedAt, ConfigPath prefix, int depth)
    {
        var basePath = FullPath(Path.Combine(directory, name), includedAt);
        var candidates = Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
            ? [basePath]
            : Extensions.Select(extension => basePath + extension).ToArray();
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count == 0)
            throw includedAt.Error($"included file '{name}' not found (looked for {string.Join(", ", candidates.Reverse())})");

        var result = ObjectNode.Empty.At(includedAt);
        foreach (var file in found) result = ConfigMerge.Objects(Load(file, prefix, depth, includedAt), result);
        return result;
    }

    private ObjectNode Load(string fullPath, ConfigPath prefix, int depth, SourcePosition includedAt)
    {
        if (chain.Contains(fullPath))
            throw includedAt.Error($"include cycle: {string.Join(" includes ", chain.Add(fullPath))}");
        if (chain.Count >= NestingLimits.MaxIncludeDepth)
            throw includedAt.Error($"includes nest more than {NestingLimits.MaxIncludeDepth} files deep");

        var text = Read(fullPath, includedAt);
        if (fullPath.EndsWith(".properties", StringComparison.OrdinalIgnoreCase)) return PropertiesParser.Parse(text, fullPath);
        var loader = new ConfigFileLoader(Path.GetDirectoryName(fullPath) ?? directory, chain.Add(fullPath));
        return HoconParser.Parse(text, fullPath, loader, prefix, depth);
    }

    private static string FullPath(string path, SourcePosition at)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or SecurityException)
        {
            throw at.Error($"invalid file name '{path}': {e.Message}");
        }
    }

    private static string Read(string fullPath, SourcePosition includedAt)
    {
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException)
        {
            throw includedAt.Error($"cannot read configuration file '{fullPath}': {e.Message}");
        }
    }
}
