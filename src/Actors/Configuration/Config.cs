using System.Globalization;

namespace ActorShutdown.Configuration;

/// <summary>
/// An immutable HOCON configuration. Read values by path (<c>actors.dispatcher.throughput</c>;
/// quote keys that contain dots: <c>a."b.c"</c>). Substitutions are resolved when a value is first
/// read, against the whole configuration including its fallbacks, so a configuration may refer to
/// keys that only a fallback supplies. Every failure — a missing path, a value of the wrong type,
/// an unresolvable substitution — is a <see cref="ConfigurationException"/> naming the path.
/// Instances are safe to share between threads.
/// </summary>
public sealed class Config
{
    private readonly ObjectNode unresolved;
    private readonly Lazy<ObjectNode> resolved;
    private readonly ConfigPath origin;   // where this config was taken from, so messages name full paths

    internal Config(ObjectNode root, ConfigPath origin)
    {
        unresolved = root;
        this.origin = origin;
        resolved = new Lazy<ObjectNode>(() => SubstitutionResolver.Resolve(root));
    }

    /// <summary>A configuration without any keys.</summary>
    public static Config Empty { get; } = new(ObjectNode.Empty, ConfigPath.Root);

    /// <summary>The resolved tree.</summary>
    internal ObjectNode Root => resolved.Value;

    /// <summary>The keys at the top of this configuration.</summary>
    internal IEnumerable<string> Keys => Root.Fields.Keys;

    /// <summary>
    /// This configuration with <paramref name="fallback"/> underneath: objects merge key by key,
    /// and where both have a value that is not an object, this one wins. Substitutions in either
    /// resolve against the merged result.
    /// </summary>
    /// <param name="fallback">The configuration that supplies the values this one lacks.</param>
    /// <returns>The merged configuration.</returns>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config(ConfigMerge.Objects(unresolved, fallback.unresolved), origin);
    }

    /// <summary>True when <paramref name="path"/> exists and is not <c>null</c>.</summary>
    /// <param name="path">A path expression such as <c>actors.ask-timeout</c>.</param>
    /// <returns>Whether the path has a value.</returns>
    public bool HasPath(string path) => Find(ConfigPath.Parse(path)) is { } node && node is not ScalarNode { Kind: ScalarKind.Null };

    /// <summary>A string, number or boolean as text (numbers as written).</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The value's text.</returns>
    public string GetString(string path) => GetScalar(path, "a string").Text;

    /// <summary>A whole number that fits in an <see cref="int"/>.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The number.</returns>
    public int GetInt(string path) => (int)GetInteger(path, "an int", int.MinValue, int.MaxValue);

    /// <summary>A whole number that fits in a <see cref="long"/>.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The number.</returns>
    public long GetLong(string path) => GetInteger(path, "a long", long.MinValue, long.MaxValue);

    /// <summary>A finite number.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The number.</returns>
    public double GetDouble(string path)
    {
        var (value, full) = GetScalarAt(path, "a number");
        return double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw Unexpected(value, full, "a number");
    }

    /// <summary>A boolean: <c>true</c>/<c>false</c>, or the strings <c>on</c>/<c>off</c> and <c>yes</c>/<c>no</c>.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The boolean.</returns>
    public bool GetBoolean(string path)
    {
        var (value, full) = GetScalarAt(path, "a boolean");
        return value.Text switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw Unexpected(value, full, "a boolean (true/false, on/off or yes/no)"),
        };
    }

    /// <summary>
    /// A duration such as <c>500ms</c>, <c>5s</c>, <c>5 seconds</c>, <c>2 minutes</c>, <c>1h</c> or
    /// <c>1d</c> (units ns, us, ms, s, m, h, d and their long forms). A bare number is in
    /// milliseconds. <c>infinite</c> gives <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The duration.</returns>
    public TimeSpan GetTimeSpan(string path)
    {
        var (value, full) = GetScalarAt(path, "a duration");
        if (value.Kind == ScalarKind.Boolean) throw Unexpected(value, full, "a duration");
        return UnitParser.TryParseDuration(value.Text, out var duration, out var error)
            ? duration
            : throw value.Position.Error($"Configuration path '{full}': {error}");
    }

    /// <summary>
    /// A size in bytes such as <c>512</c>, <c>10k</c>, <c>10KiB</c>, <c>5MB</c> or <c>1G</c>: single
    /// letters and <c>Ki</c>/<c>KiB</c>-style units are powers of 1024, <c>kB</c>/<c>MB</c>-style
    /// units powers of 1000. A bare number is in bytes.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The number of bytes.</returns>
    public long GetByteSize(string path)
    {
        var (value, full) = GetScalarAt(path, "a size in bytes");
        if (value.Kind == ScalarKind.Boolean) throw Unexpected(value, full, "a size in bytes");
        return UnitParser.TryParseByteSize(value.Text, out var bytes, out var error)
            ? bytes
            : throw value.Position.Error($"Configuration path '{full}': {error}");
    }

    /// <summary>A list whose elements are strings, numbers or booleans, as text.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The elements.</returns>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var (node, full) = Require(path, "a list of strings");
        if (node is not ArrayNode list) throw Unexpected(node, full, "a list of strings");
        var result = new List<string>(list.Items.Length);
        for (var i = 0; i < list.Items.Length; i++)
        {
            if (list.Items[i] is not ScalarNode { Kind: not ScalarKind.Null } item)
                throw list.Items[i].Position.Error(
                    $"Configuration path '{full}': element {i} is {list.Items[i].Describe()}, expected a string");
            result.Add(item.Text);
        }
        return result;
    }

    /// <summary>The object at <paramref name="path"/> as a configuration of its own.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The sub-configuration; its error messages still name full paths.</returns>
    public Config GetConfig(string path)
    {
        var (node, full) = Require(path, "an object");
        return node is ObjectNode obj ? new Config(obj, full) : throw Unexpected(node, full, "an object");
    }

    /// <summary>The resolved configuration as indented JSON, for diagnostics.</summary>
    /// <returns>JSON text, or a note saying why the configuration cannot be resolved.</returns>
    public override string ToString()
    {
        try
        {
            return ConfigRenderer.Render(Root);
        }
        catch (ConfigurationException e)
        {
            return $"(configuration that cannot be resolved: {e.Message})";
        }
    }

    /// <summary>An error about the value at <paramref name="path"/>, at the value's position when it has one.</summary>
    internal ConfigurationException Invalid(string path, string problem)
    {
        var parsed = ConfigPath.Parse(path);
        var message = $"Invalid setting '{origin.Concat(parsed)}': {problem}";
        return Find(parsed) is { } node ? node.Position.Error(message) : new ConfigurationException(message);
    }

    private ConfigNode? Find(ConfigPath path)
    {
        ConfigNode node = Root;
        for (var i = 0; i < path.Length; i++)
        {
            if (node is not ObjectNode obj || !obj.TryGet(path[i], out var child)) return null;
            node = child;
        }
        return node;
    }

    /// <summary>The non-null value at a path, and the full path for messages.</summary>
    private (ConfigNode Node, ConfigPath Full) Require(string path, string expected)
    {
        var parsed = ConfigPath.Parse(path);
        var full = origin.Concat(parsed);
        ConfigNode node = Root;
        for (var i = 0; i < parsed.Length; i++)
        {
            if (node is not ObjectNode obj)
                throw node.Position.Error($"Missing configuration path '{full}': '{origin.Concat(parsed.Prefix(i))}' is {node.Describe()}, not an object");
            if (!obj.TryGet(parsed[i], out var child)) throw new ConfigurationException($"Missing configuration path '{full}'");
            node = child;
        }
        if (node is ScalarNode { Kind: ScalarKind.Null })
            throw node.Position.Error($"Configuration path '{full}' is null, expected {expected}");
        return (node, full);
    }

    private (ScalarNode Value, ConfigPath Full) GetScalarAt(string path, string expected)
    {
        var (node, full) = Require(path, expected);
        return node is ScalarNode scalar ? (scalar, full) : throw Unexpected(node, full, expected);
    }

    private ScalarNode GetScalar(string path, string expected) => GetScalarAt(path, expected).Value;

    private long GetInteger(string path, string expected, long min, long max)
    {
        var (value, full) = GetScalarAt(path, expected);
        long number;
        if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            // Also accept whole numbers written with a fraction or exponent, such as 1e3.
            if (!double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ||
                !double.IsInteger(real) || real < long.MinValue || real >= long.MaxValue)
                throw Unexpected(value, full, "a whole number");
            number = (long)real;
        }
        return number >= min && number <= max
            ? number
            : throw value.Position.Error($"Configuration path '{full}': {value.Text} is out of range for {expected} ({min} to {max})");
    }

    private static ConfigurationException Unexpected(ConfigNode node, ConfigPath full, string expected) =>
        node.Position.Error($"Configuration path '{full}' has the wrong type: expected {expected}, found {node.Describe()}");
}
