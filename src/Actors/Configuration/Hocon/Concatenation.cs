using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>
/// Combines the parts of a value concatenation once none of them holds a substitution: objects
/// merge (later over earlier), arrays append, simple values join into one string with the
/// whitespace between them kept. Mixing kinds is an error.
/// </summary>
internal static class Concatenation
{
    /// <summary>The combined value, or null when no part is left (every part was an undefined <c>${?x}</c>).</summary>
    public static ConfigNode? Combine(IReadOnlyList<ConfigNode> parts, SourcePosition position)
    {
        if (parts.Count == 0) return null;
        if (parts.Count == 1) return parts[0] is WhitespaceNode w ? new ScalarNode(ScalarKind.String, w.Text, w.Position) : parts[0];

        var content = parts.Where(p => p is not WhitespaceNode).ToList();
        if (content.Count > 0 && content[0] is ObjectNode or ArrayNode)
        {
            // Whitespace between objects or arrays means nothing.
            ConfigNode result = content[0];
            foreach (var next in content.Skip(1))
            {
                result = (result, next) switch
                {
                    (ObjectNode below, ObjectNode above) => ConfigMerge.Objects(above, below),
                    (ArrayNode first, ArrayNode second) => Append(first, second),
                    _ => throw Mismatch(result, next),
                };
            }
            return result;
        }

        // Checked before joining, so that a string doubled by substitutions is never built.
        ConfigLimits.CheckWeight(parts.Sum(p => p.Weight), position);
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part switch
            {
                WhitespaceNode w => w.Text,
                ScalarNode s => s.Text,
                _ => throw Mismatch(content[0], part),
            });
        }
        return new ScalarNode(ScalarKind.String, text.ToString(), position);
    }

    private static ArrayNode Append(ArrayNode first, ArrayNode second)
    {
        // Checked before copying, so that a list doubled by substitutions is never built.
        ConfigLimits.CheckWeight(first.Weight + second.Weight, second.Position);
        return new ArrayNode(first.Items.AddRange(second.Items), first.Position);
    }

    private static ConfigurationException Mismatch(ConfigNode first, ConfigNode other) =>
        other.Position.Error($"cannot concatenate {Kind(other)} with {Kind(first)}: a value concatenation must be all " +
            "objects, all lists, or all simple values (strings, numbers, booleans); use a newline or ',' to separate values");

    private static string Kind(ConfigNode node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "a list",
        _ => "a simple value (" + node.Describe() + ")",
    };
}
