using System.Collections.Immutable;
using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>
/// Parses one HOCON document into an unresolved object tree: objects, arrays, path keys, value
/// concatenations, <c>+=</c>, includes and substitutions (kept for the resolver). Duplicate keys are
/// merged as they are read. Recursion follows the nesting of the text and is capped at
/// <see cref="ConfigLimits.MaxDepth"/>.
/// </summary>
internal sealed class HoconParser
{
    private readonly HoconTokenizer tokenizer;
    private readonly ConfigFileLoader loader;
    private readonly ConfigPath prefix;
    private readonly int baseDepth;
    private readonly List<Token> lookahead = [];
    private int depth;

    private HoconParser(HoconTokenizer tokenizer, ConfigFileLoader loader, ConfigPath prefix, int baseDepth)
    {
        this.tokenizer = tokenizer;
        this.loader = loader;
        this.prefix = prefix;
        this.baseDepth = baseDepth;
    }

    /// <summary>Parses a document whose root must be an object (the braces may be omitted).</summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">The file, or "string", for messages.</param>
    /// <param name="loader">Resolves includes relative to this document.</param>
    /// <param name="prefix">Where the document is included; substitutions in it are relative to there.</param>
    /// <param name="baseDepth">How deeply the include itself is nested.</param>
    public static ObjectNode Parse(string text, string sourceName, ConfigFileLoader loader, ConfigPath prefix, int baseDepth) =>
        new HoconParser(new HoconTokenizer(text, sourceName), loader, prefix, baseDepth).ParseDocument();

    private Token Peek(int offset = 0)
    {
        while (lookahead.Count <= offset) lookahead.Add(tokenizer.Next());
        return lookahead[offset];
    }

    private Token Take()
    {
        var token = Peek();
        lookahead.RemoveAt(0);
        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace) Take();
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline) Take();
    }

    private ObjectNode ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
            throw first.Position.Error("the root of a configuration must be an object, found a list ('[')");
        if (first.Kind != TokenKind.OpenBrace) return ParseFields(ConfigPath.Root, opening: null, first.Position);

        var root = ParseObject(ConfigPath.Root, Take());
        SkipWhitespaceAndNewlines();
        var extra = Peek();
        if (extra.Kind != TokenKind.End)
            throw extra.Position.Error($"expected the end of the input after the root object's closing '}}', found {extra.Describe()}");
        return root;
    }

    private void Enter(Token open)
    {
        if (++depth + baseDepth > ConfigLimits.MaxDepth)
            throw open.Position.Error($"objects and arrays nest more than {ConfigLimits.MaxDepth} levels deep");
        ConfigLimits.EnsureStack(open.Position);
    }

    private ObjectNode ParseObject(ConfigPath path, Token open)
    {
        Enter(open);
        try { return ParseFields(path, open, open.Position); }
        finally { depth--; }
    }

    /// <summary>
    /// The fields of an object, up to its closing brace, or to the end of the input for a root
    /// without braces (<paramref name="opening"/> null).
    /// </summary>
    private ObjectNode ParseFields(ConfigPath path, Token? opening, SourcePosition position)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, ConfigNode>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var next = Peek();
            if (next.Kind == TokenKind.CloseBrace)
            {
                if (opening is null) throw next.Position.Error("unexpected '}' with no matching '{'");
                Take();
                return new ObjectNode(fields.ToImmutable(), position);
            }
            if (next.Kind == TokenKind.End)
            {
                if (opening is null) return new ObjectNode(fields.ToImmutable(), position);
                throw next.Position.Error($"expected '}}' to close the object opened at {opening.Value.Position.LineAndColumn}, found end of input");
            }

            if (IsInclude())
            {
                foreach (var (key, value) in ParseInclude(path).Fields) AddField(fields, key, value);
                if (!FieldEnds()) throw UnexpectedAfter("an include", "");
                continue;
            }
            var field = ParseField(path);
            // a.b.c = v is a = { b = { c = v } }, merged like any other duplicate.
            var nested = field.Value;
            for (var i = field.Key.Length - 1; i > 0; i--) nested = ObjectNode.Empty.At(nested.Position).With(field.Key[i], nested);
            AddField(fields, field.Key[0], nested);
            if (!FieldEnds())
            {
                var hint = field.Value.Position.Line > field.Separator.Position.Line
                    ? $"; the value begins on line {field.Value.Position.Line}: is a value missing after '{field.Separator.Text}' at {field.Separator.Position.LineAndColumn}?"
                    : "";
                throw UnexpectedAfter($"the value of '{path.Concat(field.Key)}'", hint);
            }
        }
    }

    private ConfigurationException UnexpectedAfter(string what, string hint) =>
        Peek().Position.Error($"expected ',', a newline or '}}' after {what}, found {Peek().Describe()}{hint}");

    /// <summary>Consumes the comma after a field, if any; false when something else follows it on the line.</summary>
    private bool FieldEnds()
    {
        SkipWhitespace();
        var after = Peek();
        if (after.Kind == TokenKind.Comma)
        {
            Take();
            return true;
        }
        return after.Kind is TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End;
    }

    /// <summary>Sets a field; a key seen before merges, the later value over the earlier one.</summary>
    private static void AddField(ImmutableSortedDictionary<string, ConfigNode>.Builder fields, string key, ConfigNode value) =>
        fields[key] = fields.TryGetValue(key, out var existing) ? ConfigMerge.Over(value, existing) : value;

    private readonly record struct Field(ConfigPath Key, Token Separator, ConfigNode Value);

    private Field ParseField(ConfigPath path)
    {
        var key = ParseKey();
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        switch (separator.Kind)
        {
            case TokenKind.Separator:
                Take();
                return new Field(key, separator, ParseFieldValue(path.Concat(key), separator));
            case TokenKind.PlusEquals:
                Take();
                // a += v means a = ${?a} [v]: the earlier value of a (if any) with v appended.
                var element = ParseFieldValue(path.Concat(key), separator);
                var self = new SubstitutionNode(prefix.Concat(path).Concat(key), optional: true, prefix.Length, separator.Position);
                return new Field(key, separator, new ConcatNode([self, new ArrayNode([element], element.Position)], separator.Position));
            case TokenKind.OpenBrace:
                return new Field(key, separator, ParseValue(path.Concat(key)));
            default:
                throw separator.Position.Error($"expected ':', '=' or '{{' after the key '{key}', found {separator.Describe()}");
        }
    }

    private ConfigNode ParseFieldValue(ConfigPath path, Token separator)
    {
        SkipWhitespaceAndNewlines();
        var next = Peek();
        if (!StartsValue(next))
            throw next.Position.Error($"expected a value for '{path}' after '{separator.Text}' at {separator.Position.LineAndColumn}, found {next.Describe()}");
        return ParseValue(path);
    }

    private ConfigPath ParseKey()
    {
        var first = Peek();
        if (first.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
            throw first.Position.Error($"expected a key, found {first.Describe()}");
        var pieces = new List<Token>();
        while (Peek().Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Whitespace) pieces.Add(Take());
        HoconTokenizer.TrimWhitespace(pieces);
        return ConfigPath.FromPieces(pieces, first.Position);
    }

    private static bool StartsValue(Token token) => token.Kind is TokenKind.OpenBrace or TokenKind.OpenBracket
        or TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Substitution;

    /// <summary>
    /// A value: one or more parts on one line (strings, numbers, substitutions, objects, arrays),
    /// concatenated. Whitespace between parts is kept; after the last, it is dropped. Callers have
    /// checked that the next token starts a value (<see cref="StartsValue"/>), each with its own message.
    /// </summary>
    private ConfigNode ParseValue(ConfigPath path)
    {
        var parts = new List<ConfigNode>();
        while (true)
        {
            var token = Peek();
            ConfigNode part;
            switch (token.Kind)
            {
                case TokenKind.OpenBrace: part = ParseObject(path, Take()); break;
                case TokenKind.OpenBracket: part = ParseArray(path, Take()); break;
                case TokenKind.Unquoted: part = ScalarNode.FromUnquoted(Take().Text, token.Position); break;
                case TokenKind.Quoted: part = new ScalarNode(ScalarKind.String, Take().Text, token.Position); break;
                case TokenKind.Substitution:
                    Take();
                    part = new SubstitutionNode(prefix.Concat(token.Path!), token.Optional, prefix.Length, token.Position);
                    break;
                case TokenKind.Whitespace:
                    part = new WhitespaceNode(Take().Text, token.Position);
                    break;
                default:
                    while (parts[^1] is WhitespaceNode) parts.RemoveAt(parts.Count - 1);
                    if (parts.Count == 1) return parts[0];
                    return parts.TrueForAll(p => p.IsResolved)
                        ? Concatenation.Combine(parts, parts[0].Position)!
                        : new ConcatNode([.. parts], parts[0].Position);
            }
            parts.Add(part);
        }
    }

    private ArrayNode ParseArray(ConfigPath path, Token open)
    {
        Enter(open);
        try
        {
            var items = ImmutableArray.CreateBuilder<ConfigNode>();
            while (true)
            {
                SkipWhitespaceAndNewlines();
                var next = Peek();
                if (next.Kind == TokenKind.CloseBracket)
                {
                    Take();
                    return new ArrayNode(items.ToImmutable(), open.Position);
                }
                if (next.Kind == TokenKind.End)
                    throw next.Position.Error($"expected ']' to close the list opened at {open.Position.LineAndColumn}, found end of input");
                if (!StartsValue(next))
                    throw next.Position.Error($"expected a list element or ']' (the list opened at {open.Position.LineAndColumn}), found {next.Describe()}");
                items.Add(ParseValue(path));
                SkipWhitespace();
                var after = Peek();
                if (after.Kind == TokenKind.Comma) Take();
                else if (after.Kind is not (TokenKind.Newline or TokenKind.CloseBracket or TokenKind.End))
                    throw after.Position.Error($"expected ',', a newline or ']' after a list element (the list opened at {open.Position.LineAndColumn}), found {after.Describe()}");
            }
        }
        finally { depth--; }
    }

    /// <summary>An unquoted <c>include</c> followed by whitespace, at the start of a key, begins an include.</summary>
    private bool IsInclude() =>
        Peek().Kind == TokenKind.Unquoted && Peek().Text == "include" && Peek(1).Kind == TokenKind.Whitespace;

    /// <summary>
    /// <c>include "name"</c>, <c>include file("name")</c>, <c>include required("name")</c> or
    /// <c>include required(file("name"))</c>. A missing file is an error either way.
    /// </summary>
    private ObjectNode ParseInclude(ConfigPath path)
    {
        var keyword = Take();
        SkipWhitespace();
        var opener = new StringBuilder();
        while (Peek().Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            var token = Take();
            if (token.Kind == TokenKind.Unquoted) opener.Append(token.Text);
        }
        var name = Peek();
        var form = opener.ToString();
        if (name.Kind != TokenKind.Quoted || form is not ("" or "file(" or "required(" or "required(file("))
        {
            var problem = form.Contains("url(", StringComparison.Ordinal) || form.Contains("classpath(", StringComparison.Ordinal)
                ? "include url(...) and classpath(...) are not supported"
                : $"expected a quoted file name after 'include' (as in include \"other.conf\" or include file(\"other.conf\")), found {name.Describe()}";
            throw name.Position.Error(problem);
        }
        Take();
        var closing = form.Count(c => c == '(');
        while (closing > 0)
        {
            SkipWhitespace();
            var token = Peek();
            if (token.Kind != TokenKind.Unquoted || token.Text.Length > closing || token.Text.Any(c => c != ')'))
                throw token.Position.Error($"expected ')' to close include {form}\"{name.Text}\", found {token.Describe()}");
            closing -= Take().Text.Length;
        }
        return loader.Include(name.Text, keyword.Position, prefix.Concat(path), baseDepth + depth);
    }
}
