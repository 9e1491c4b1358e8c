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

    private readonly string? directory;             // null: the current directory, looked up when an include needs it
    private readonly ImmutableList<string> chain;   // the files being loaded, outermost first

    // Each file is parsed once per include location within one load, so that files including the
    // same file many times over cannot multiply the work.
    private readonly Dictionary<(string File, ConfigPath Prefix), ObjectNode> loaded;

    private ConfigFileLoader(string? directory, ImmutableList<string> chain, Dictionary<(string, ConfigPath), ObjectNode> loaded)
    {
        this.directory = directory;
        this.chain = chain;
        this.loaded = loaded;
    }

    /// <summary>The loader for text that is not a file: includes are relative to the current directory.</summary>
    public static ConfigFileLoader ForText() => new(null, [], []);

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
        var basePath = FullPath(Path.Combine(directory ?? CurrentDirectory(includedAt), name), includedAt);
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
        if (chain.Count >= ConfigLimits.MaxIncludeDepth)
            throw includedAt.Error($"includes nest more than {ConfigLimits.MaxIncludeDepth} files deep");
        if (loaded.TryGetValue((fullPath, prefix), out var known)) return known;

        var text = Read(fullPath, includedAt);
        var loader = new ConfigFileLoader(Path.GetDirectoryName(fullPath), chain.Add(fullPath), loaded);
        var result = fullPath.EndsWith(".properties", StringComparison.OrdinalIgnoreCase)
            ? PropertiesParser.Parse(text, fullPath)
            : HoconParser.Parse(text, fullPath, loader, prefix, depth);
        loaded[(fullPath, prefix)] = result;
        return result;
    }

    private static string CurrentDirectory(SourcePosition at)
    {
        try
        {
            return Environment.CurrentDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw at.Error($"cannot resolve an include relative to the current directory: {e.Message}");
        }
    }

    private static string FullPath(string path, SourcePosition at)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException or SecurityException)
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
