namespace ActorShutdown.Configuration;

/// <summary>Creates <see cref="Config"/> instances from HOCON text, files, and the library's defaults.</summary>
public static class ConfigurationFactory
{
    private const string ReferenceResource = "ActorShutdown.reference.conf";

    private static readonly Lazy<Config> Reference = new(LoadReference);

    /// <summary>
    /// Parses HOCON text. Syntax errors are reported at once, as a <see cref="ConfigurationException"/>
    /// naming "string", the line and the column; substitutions are resolved when a value is first read.
    /// Includes are relative to the current directory.
    /// </summary>
    /// <param name="hocon">The text.</param>
    /// <returns>The parsed configuration.</returns>
    public static Config ParseString(string hocon)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        return new Config(HoconParser.Parse(hocon, "string", ConfigFileLoader.ForText(), ConfigPath.Root, 0), ConfigPath.Root);
    }

    /// <summary>
    /// Parses a file: <c>.properties</c> files as Java properties, anything else as HOCON (JSON
    /// included). Includes are relative to the file. Unlike the HOCON specification, which ignores
    /// a missing included file, a missing file is always an error here, so that a typo in a file name
    /// cannot silently drop settings.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The parsed configuration.</returns>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Config(ConfigFileLoader.LoadFile(path), ConfigPath.Root);
    }

    /// <summary>The library's defaults (its <c>reference.conf</c>), for use as the last fallback.</summary>
    /// <returns>The shared default configuration.</returns>
    public static Config Default() => Reference.Value;

    private static Config LoadReference()
    {
        using var stream = typeof(ConfigurationFactory).Assembly.GetManifestResourceStream(ReferenceResource)
            ?? throw new ConfigurationException($"The embedded resource '{ReferenceResource}' is missing from the ActorShutdown assembly");
        using var reader = new StreamReader(stream);
        return new Config(HoconParser.Parse(reader.ReadToEnd(), "reference.conf", ConfigFileLoader.ForText(), ConfigPath.Root, 0), ConfigPath.Root);
    }
}
