using System.Globalization;
using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>Writes a resolved tree as indented JSON (numbers as written), for <see cref="Config.ToString"/>.</summary>
internal static class ConfigRenderer
{
    public static string Render(ConfigNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ConfigNode node, int indent)
    {
        switch (node)
        {
            case ObjectNode o when o.Fields.Count > 0:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.Fields)
                {
                    sb.Append(first ? "" : ",").Append('\n').Append(' ', (indent + 1) * 2);
                    AppendQuoted(sb, key);
                    sb.Append(": ");
                    Append(sb, value, indent + 1);
                    first = false;
                }
                sb.Append('\n').Append(' ', indent * 2).Append('}');
                break;
            case ObjectNode:
                sb.Append("{}");
                break;
            case ArrayNode a:
                sb.Append('[');
                for (var i = 0; i < a.Items.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, a.Items[i], indent);
                }
                sb.Append(']');
                break;
            case ScalarNode { Kind: ScalarKind.String } s:
                AppendQuoted(sb, s.Text);
                break;
            case ScalarNode s:
                sb.Append(s.Text);
                break;
            default:
                sb.Append(node.Describe());
                break;
        }
    }

    /// <summary>Appends <paramref name="text"/> as a JSON string literal.</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
