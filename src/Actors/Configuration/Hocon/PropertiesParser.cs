using System.Globalization;
using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>
/// Parses Java-style <c>.properties</c> text: <c>key=value</c>, <c>key: value</c> or <c>key value</c>
/// lines, <c>#</c> and <c>!</c> comments, backslash line continuations and escapes. Each key is split
/// at every '.' into a path; values are always strings. When a key is both a value and the parent of
/// other keys (<c>a=1</c> and <c>a.b=2</c>), the object wins, as HOCON specifies.
/// </summary>
internal static class PropertiesParser
{
    public static ObjectNode Parse(string text, string sourceName)
    {
        var entries = new Dictionary<string, (string[] Path, ScalarNode Value)>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var logical = new StringBuilder(lines[i].TrimStart(' ', '\t', '\f'));
            if (logical.Length == 0 || logical[0] is '#' or '!') continue;
            // A line ending in an odd number of backslashes continues on the next one.
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(lines[++i].TrimStart(' ', '\t', '\f'));
            }
            var position = new SourcePosition(sourceName, lineNumber, 1);
            var (key, value) = SplitEntry(logical.ToString(), position);
            var path = key.Split('.');
            if (path.Length > ConfigLimits.MaxDepth)
                throw position.Error($"the key has more than {ConfigLimits.MaxDepth} elements");
            entries[key] = (path, new ScalarNode(ScalarKind.String, value, position));
        }

        // Shorter keys first, so that a longer key turns a string on its way into an object.
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, value) in entries.Values.OrderBy(e => e.Path.Length))
        {
            var current = root;
            foreach (var key in path[..^1])
            {
                if (!current.TryGetValue(key, out var child) || child is not Dictionary<string, object> childObject)
                    current[key] = childObject = new Dictionary<string, object>(StringComparer.Ordinal);
                current = childObject;
            }
            if (!current.TryGetValue(path[^1], out var existing) || existing is not Dictionary<string, object>)
                current[path[^1]] = value;
        }
        return ToNode(root, new SourcePosition(sourceName, 1, 1));
    }

    private static bool EndsWithContinuation(StringBuilder line)
    {
        var backslashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    /// <summary>Splits a logical line at the first unescaped '=', ':' or whitespace, and unescapes both sides.</summary>
    private static (string Key, string Value) SplitEntry(string line, SourcePosition position)
    {
        var key = new StringBuilder();
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '=' or ':' or ' ' or '\t' or '\f') break;
            if (c == '\\' && i + 1 < line.Length) key.Append(Unescape(line, ref i, position));
            else key.Append(c);
        }
        while (i < line.Length && line[i] is ' ' or '\t' or '\f') i++;
        if (i < line.Length && line[i] is '=' or ':') i++;
        while (i < line.Length && line[i] is ' ' or '\t' or '\f') i++;
        var value = new StringBuilder();
        for (; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length) value.Append(Unescape(line, ref i, position));
            else if (line[i] != '\\') value.Append(line[i]);
        }
        return (key.ToString(), value.ToString());
    }

    /// <summary>Decodes the escape starting at the backslash at <paramref name="i"/>, leaving <paramref name="i"/> on its last character.</summary>
    private static char Unescape(string line, ref int i, SourcePosition position)
    {
        var c = line[++i];
        switch (c)
        {
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case 'f': return '\f';
            case 'u':
                var digits = i + 4 < line.Length ? line.Substring(i + 1, 4) : "";
                if (!ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    throw position.Error("expected four hex digits after \\u");
                i += 4;
                return (char)code;
            default: return c;
        }
    }

    private static ObjectNode ToNode(Dictionary<string, object> map, SourcePosition position)
    {
        ConfigLimits.EnsureStack(position);
        var result = ObjectNode.Empty.At(position);
        foreach (var (key, value) in map)
            result = result.With(key, value is Dictionary<string, object> child ? ToNode(child, position) : (ScalarNode)value);
        return result;
    }
}
