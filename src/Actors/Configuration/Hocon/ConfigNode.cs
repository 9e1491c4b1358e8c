using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ActorShutdown.Configuration;

/// <summary>
/// A value in the configuration tree, immutable. A parsed tree may still hold substitutions,
/// concatenations and merge stacks; a resolved tree holds only objects, arrays and scalars.
/// Every node knows its nesting depth and its size, checked against <see cref="ConfigLimits"/> when
/// it is built, so every recursion over a tree is bounded and no value can grow without limit.
/// </summary>
internal abstract class ConfigNode(SourcePosition position, int depth, long weight, bool isResolved)
{
    public SourcePosition Position { get; } = position;

    /// <summary>How many objects and arrays nest within this value (a scalar is 0, <c>{}</c> is 1).</summary>
    public int Depth { get; } = ConfigLimits.CheckDepth(depth, position);

    /// <summary>The size of the value: its characters (keys included) plus one per value.</summary>
    public long Weight { get; } = ConfigLimits.CheckWeight(weight, position);

    /// <summary>True when no substitution remains anywhere inside.</summary>
    public bool IsResolved { get; } = isResolved;

    /// <summary>The value as an error message names it, for example "an object" or "the string \"x\"".</summary>
    public abstract string Describe();
}

internal enum ScalarKind { String, Number, Boolean, Null }

/// <summary>A string, number, boolean or null. <see cref="Text"/> keeps the form it was written in.</summary>
internal sealed partial class ScalarNode(ScalarKind kind, string text, SourcePosition position)
    : ConfigNode(position, 0, 1 + text.Length, isResolved: true)
{
    public ScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    /// <summary>Classifies a lone unquoted token: <c>true</c>/<c>false</c>, <c>null</c>, a JSON number, or else a string.</summary>
    public static ScalarNode FromUnquoted(string text, SourcePosition position) => new(
        text switch
        {
            "true" or "false" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            _ when NumberPattern().IsMatch(text) => ScalarKind.Number,
            _ => ScalarKind.String,
        },
        text,
        position);

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Number => $"the number {Text}",
        ScalarKind.Boolean => $"the boolean {Text}",
        _ => $"the string \"{(Text.Length <= 60 ? Text : string.Concat(Text.AsSpan(0, 57), "..."))}\"",
    };

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

/// <summary>An object. Keys are kept sorted (ordinal), which makes output deterministic.</summary>
internal sealed class ObjectNode : ConfigNode
{
    private readonly int unresolvedFields;

    public ObjectNode(ImmutableSortedDictionary<string, ConfigNode> fields, SourcePosition position)
        : this(fields, position,
            1 + fields.Values.Select(v => v.Depth).DefaultIfEmpty(0).Max(),
            1 + fields.Sum(f => f.Key.Length + f.Value.Weight),
            fields.Values.Count(v => !v.IsResolved))
    {
    }

    private ObjectNode(ImmutableSortedDictionary<string, ConfigNode> fields, SourcePosition position, int depth, long weight, int unresolvedFields)
        : base(position, depth, weight, unresolvedFields == 0)
    {
        Fields = fields;
        this.unresolvedFields = unresolvedFields;
    }

    public static ObjectNode Empty { get; } = new(ImmutableSortedDictionary.Create<string, ConfigNode>(StringComparer.Ordinal), default);

    public ImmutableSortedDictionary<string, ConfigNode> Fields { get; }

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfigNode? value) =>
        Fields.TryGetValue(key, out value);

    /// <summary>
    /// This object with one field set, in O(log n): the parser adds fields one at a time. The depth
    /// may then overstate the truth when a deeper value was replaced, which is harmless: both values
    /// were within the limit.
    /// </summary>
    public ObjectNode With(string key, ConfigNode value)
    {
        var hasOld = Fields.TryGetValue(key, out var old);
        return new ObjectNode(
            Fields.SetItem(key, value),
            Position,
            Math.Max(Depth, value.Depth + 1),
            Weight - (hasOld ? key.Length + old!.Weight : 0) + key.Length + value.Weight,
            unresolvedFields - (hasOld && !old!.IsResolved ? 1 : 0) + (value.IsResolved ? 0 : 1));
    }

    /// <summary>The same fields, attributed to another position (the winning side of a merge).</summary>
    public ObjectNode At(SourcePosition position) => new(Fields, position, Depth, Weight, unresolvedFields);

    public override string Describe() => "an object";
}

/// <summary>A list of values.</summary>
internal sealed class ArrayNode(ImmutableArray<ConfigNode> items, SourcePosition position)
    : ConfigNode(position, 1 + items.Select(v => v.Depth).DefaultIfEmpty(0).Max(), 1 + items.Sum(v => v.Weight), items.All(v => v.IsResolved))
{
    public ImmutableArray<ConfigNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file the path is prefixed with the include's
/// location; <see cref="PrefixLength"/> says how many keys were added, so the resolver can also try
/// the path as written.
/// </summary>
internal sealed class SubstitutionNode(ConfigPath path, bool optional, int prefixLength, SourcePosition position)
    : ConfigNode(position, 0, 1, isResolved: false)
{
    public ConfigPath Path { get; } = path;

    public bool Optional { get; } = optional;

    public int PrefixLength { get; } = prefixLength;

    /// <summary>The path as the user wrote it, without an include prefix.</summary>
    public ConfigPath WrittenPath => Path.SubPath(PrefixLength);

    public override string Describe() => $"${{{(Optional ? "?" : "")}{WrittenPath}}}";
}

/// <summary>Whitespace between the parts of a value concatenation: kept between strings, ignored between objects or arrays.</summary>
internal sealed class WhitespaceNode(string text, SourcePosition position) : ConfigNode(position, 0, text.Length, isResolved: true)
{
    public string Text { get; } = text;

    public override string Describe() => "whitespace";
}

/// <summary>A value concatenation that holds substitutions, to be combined once they are resolved.</summary>
internal sealed class ConcatNode(ImmutableArray<ConfigNode> parts, SourcePosition position)
    : ConfigNode(position, parts.Max(p => p.Depth), parts.Sum(p => p.Weight), isResolved: false)
{
    public ImmutableArray<ConfigNode> Parts { get; } = parts;

    public override string Describe() => "a value concatenation";
}

/// <summary>
/// Successive definitions of one key that cannot be merged before substitutions are resolved,
/// oldest first. Each layer overrides (or, if both are objects, merges over) the ones below it,
/// and a self-reference in a layer (<c>a = ${a} [2]</c>) sees the layers below.
/// </summary>
internal sealed class MergeStackNode(ImmutableArray<ConfigNode> layers)
    : ConfigNode(layers[^1].Position, layers.Max(p => p.Depth), layers.Sum(p => p.Weight), isResolved: false)
{
    public ImmutableArray<ConfigNode> Layers { get; } = layers;

    public override string Describe() => "a value with substitutions";
}
