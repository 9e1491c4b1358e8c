using System.Collections.Immutable;
using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>
/// A path through the object tree, as a list of keys: <c>a."b.c".d</c> is <c>["a", "b.c", "d"]</c>.
/// Compares by value so it can key the resolver's tables.
/// </summary>
internal sealed class ConfigPath : IEquatable<ConfigPath>
{
    private readonly ImmutableArray<string> segments;

    private ConfigPath(ImmutableArray<string> segments) => this.segments = segments;

    /// <summary>The empty path: the root object itself.</summary>
    public static ConfigPath Root { get; } = new(ImmutableArray<string>.Empty);

    public int Length => segments.Length;

    public string this[int index] => segments[index];

    public ConfigPath Append(string key) => new(segments.Add(key));

    public ConfigPath Concat(ConfigPath other) => other.Length == 0 ? this : new(segments.AddRange(other.segments));

    /// <summary>The path without its first <paramref name="start"/> keys.</summary>
    public ConfigPath SubPath(int start) => start == 0 ? this : new(segments[start..]);

    /// <summary>The keys up to (not including) <paramref name="length"/>.</summary>
    public ConfigPath Prefix(int length) => length == Length ? this : new(segments[..length]);

    public static ConfigPath Of(params ReadOnlySpan<string> keys) => new([.. keys]);

    /// <summary>The name under which the path is looked up as an environment variable: the keys joined by '.'.</summary>
    public string EnvironmentName => string.Join('.', segments);

    /// <summary>
    /// Parses a path expression given to the API, such as <c>actors."odd.key".x</c>, with the same
    /// rules as keys in a document.
    /// </summary>
    public static ConfigPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            var tokenizer = new HoconTokenizer(expression, "path expression");
            var pieces = new List<Token>();
            for (var token = tokenizer.Next(); token.Kind != TokenKind.End; token = tokenizer.Next())
            {
                if (token.Kind is not (TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Whitespace))
                    throw token.Position.Error($"expected a path, found {token.Describe()}");
                pieces.Add(token);
            }
            return FromPieces(pieces, new SourcePosition("path expression", 1, 1));
        }
        catch (ConfigurationException e)
        {
            throw new ConfigurationException($"Invalid configuration path '{expression}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Builds a path from the tokens of a key or a substitution: unquoted text splits at each '.',
    /// quoted text never splits, and whitespace between pieces belongs to the key. Leading and
    /// trailing whitespace must already be trimmed.
    /// </summary>
    public static ConfigPath FromPieces(IReadOnlyList<Token> pieces, SourcePosition start)
    {
        if (pieces.Count == 0) throw start.Error("expected a path, found nothing");
        var keys = ImmutableArray.CreateBuilder<string>();
        var current = new StringBuilder();
        var currentHasContent = false;   // "" is a valid key only when quoted
        foreach (var piece in pieces)
        {
            if (piece.Kind != TokenKind.Unquoted)
            {
                current.Append(piece.Text);
                currentHasContent |= piece.Kind == TokenKind.Quoted;
                continue;
            }
            var parts = piece.Text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (!currentHasContent) throw piece.Position.Error(EmptyElementMessage(piece.Text));
                    keys.Add(current.ToString());
                    current.Clear();
                    currentHasContent = false;
                }
                current.Append(parts[i]);
                currentHasContent |= parts[i].Length > 0;
            }
        }
        if (!currentHasContent) throw pieces[^1].Position.Error(EmptyElementMessage(pieces[^1].Text));
        keys.Add(current.ToString());
        return new ConfigPath(keys.ToImmutable());
    }

    private static string EmptyElementMessage(string text) =>
        $"empty path element in '{text}': a path may not start or end with '.' or contain '..' (quote an empty key as \"\")";

    /// <summary>The path as it would be written in a document, quoting keys that need it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var key in segments)
        {
            if (sb.Length > 0) sb.Append('.');
            if (NeedsQuotes(key)) ConfigRenderer.AppendQuoted(sb, key);
            else sb.Append(key);
        }
        return sb.ToString();
    }

    private static bool NeedsQuotes(string key) =>
        key.Length == 0 || key.Any(c => c == '.' || HoconTokenizer.IsWhitespace(c) || HoconTokenizer.IsForbidden(c)) ||
        key.Contains("//", StringComparison.Ordinal);

    public bool Equals(ConfigPath? other) =>
        other is not null && segments.AsSpan().SequenceEqual(other.segments.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as ConfigPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in segments) hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
