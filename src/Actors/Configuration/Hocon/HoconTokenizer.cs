using System.Globalization;
using System.Text;

namespace ActorShutdown.Configuration;

/// <summary>
/// Splits HOCON text into tokens, one at a time. Comments are dropped (the newline that ends them
/// is kept). Every loop consumes at least one character, so tokenizing always terminates.
/// </summary>
internal sealed class HoconTokenizer
{
    private const string ForbiddenCharacters = "$\"{}[]:=,+#`^?!@*&\\";
    private const string NumberCharacters = "0123456789eE+-.";

    private readonly string text;
    private readonly string sourceName;
    private int index;
    private int line = 1;
    private int column = 1;

    public HoconTokenizer(string text, string sourceName)
    {
        this.text = text;
        this.sourceName = sourceName;
    }

    /// <summary>Whitespace as HOCON defines it: Unicode spaces and separators, the ASCII controls 0x1C–0x1F, and the BOM.</summary>
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\x1C' and <= '\x1F' or '\uFEFF';

    /// <summary>Characters that end unquoted text; they must be quoted to appear in a string.</summary>
    public static bool IsForbidden(char c) => ForbiddenCharacters.Contains(c, StringComparison.Ordinal);

    private SourcePosition Position => new(sourceName, line, column);

    private char Peek(int offset = 0) => index + offset < text.Length ? text[index + offset] : '\0';

    private bool AtEnd => index >= text.Length;

    private char Advance()
    {
        var c = text[index++];
        if (c == '\n') { line++; column = 1; }
        else column++;
        return c;
    }

    private bool AtComment => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    public Token Next()
    {
        if (AtComment)
        {
            while (!AtEnd && Peek() != '\n') Advance();
        }
        var start = Position;
        if (AtEnd) return new Token(TokenKind.End, "", start);
        var c = Peek();
        switch (c)
        {
            case '\n': Advance(); return new Token(TokenKind.Newline, "\n", start);
            case '{': Advance(); return new Token(TokenKind.OpenBrace, "{", start);
            case '}': Advance(); return new Token(TokenKind.CloseBrace, "}", start);
            case '[': Advance(); return new Token(TokenKind.OpenBracket, "[", start);
            case ']': Advance(); return new Token(TokenKind.CloseBracket, "]", start);
            case ',': Advance(); return new Token(TokenKind.Comma, ",", start);
            case ':' or '=': Advance(); return new Token(TokenKind.Separator, c.ToString(), start);
            case '"': return ReadQuotedOrTripleQuoted(start);
            case '$': return ReadSubstitution(start);
            case '+':
                if (Peek(1) != '=')
                    throw start.Error("'+' must be followed by '=' (as in 'key += value'); quote the text to use a literal '+'");
                Advance(); Advance();
                return new Token(TokenKind.PlusEquals, "+=", start);
        }
        if (IsWhitespace(c)) return ReadWhitespace(start);
        if (IsForbidden(c))
            throw start.Error($"the character '{c}' is not allowed in unquoted text; put the text in quotes");
        return ReadUnquoted(start);
    }

    private Token ReadWhitespace(SourcePosition start)
    {
        var begin = index;
        while (!AtEnd && Peek() != '\n' && IsWhitespace(Peek())) Advance();
        return new Token(TokenKind.Whitespace, text[begin..index], start);
    }

    /// <summary>
    /// Unquoted text. Text that begins like a number first takes every number character (so that
    /// <c>1e+5</c> stays whole although '+' is otherwise forbidden), then continues as unquoted text.
    /// </summary>
    private Token ReadUnquoted(SourcePosition start)
    {
        var begin = index;
        if (Peek() == '-' || char.IsAsciiDigit(Peek()))
        {
            while (!AtEnd && NumberCharacters.Contains(Peek(), StringComparison.Ordinal)) Advance();
        }
        while (!AtEnd && !IsWhitespace(Peek()) && !IsForbidden(Peek()) && !AtComment) Advance();
        return new Token(TokenKind.Unquoted, text[begin..index], start);
    }

    private Token ReadQuotedOrTripleQuoted(SourcePosition start) =>
        Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(start) : ReadQuoted(start);

    /// <summary>A JSON string: escapes are decoded, a raw newline is an error.</summary>
    private Token ReadQuoted(SourcePosition start)
    {
        Advance();   // the opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
                throw start.Error("unterminated quoted string: expected a closing '\"' before the end of the " +
                    (AtEnd ? "input" : "line") + " (use \\n or a \"\"\"triple-quoted\"\"\" string for multi-line text)");
            var c = Advance();
            if (c == '"') return new Token(TokenKind.Quoted, sb.ToString(), start);
            if (c == '\\') sb.Append(ReadEscape());
            else sb.Append(c);
        }
    }

    private char ReadEscape()
    {
        var at = new SourcePosition(sourceName, line, column - 1);
        if (AtEnd) throw at.Error("unterminated escape sequence at the end of the input");
        var c = Advance();
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                var digits = index + 4 <= text.Length ? text.Substring(index, 4) : "";
                if (!ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    throw at.Error("expected four hex digits after \\u in a quoted string");
                for (var i = 0; i < 4; i++) Advance();
                return (char)code;
            default:
                throw at.Error($"invalid escape '\\{(c == '\n' ? "(newline)" : c.ToString())}' in a quoted string; " +
                    "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        }
    }

    /// <summary>
    /// <c>"""raw text"""</c>: no escapes, newlines allowed. The string ends at the last three quotes
    /// of the first run of three or more, so <c>"""a""""</c> is <c>a"</c>.
    /// </summary>
    private Token ReadTripleQuoted(SourcePosition start)
    {
        Advance(); Advance(); Advance();
        var begin = index;
        while (!AtEnd)
        {
            if (Peek() != '"') { Advance(); continue; }
            var runStart = index;
            while (Peek() == '"') Advance();
            if (index - runStart >= 3) return new Token(TokenKind.Quoted, text[begin..(index - 3)], start);
        }
        throw start.Error("unterminated triple-quoted string: expected a closing '\"\"\"' before the end of the input");
    }

    /// <summary><c>${path}</c> or <c>${?path}</c>; the path follows the rules of keys.</summary>
    private Token ReadSubstitution(SourcePosition start)
    {
        if (Peek(1) != '{')
            throw start.Error("'$' must be followed by '{' to start a substitution such as ${path}; quote the text to use a literal '$'");
        var begin = index;
        Advance(); Advance();
        var optional = Peek() == '?';
        if (optional) Advance();
        var pieces = new List<Token>();
        while (true)
        {
            var at = Position;
            if (AtEnd || Peek() == '\n')
                throw start.Error("unterminated substitution: expected '}' to close '${' before the end of the " + (AtEnd ? "input" : "line"));
            var c = Peek();
            if (c == '}') { Advance(); break; }
            if (AtComment) throw at.Error("expected '}' to close the substitution, found the start of a comment");
            if (c == '"') pieces.Add(ReadQuoted(at));
            else if (IsWhitespace(c)) pieces.Add(ReadWhitespace(at));
            else if (IsForbidden(c)) throw at.Error($"the character '{c}' is not allowed in a substitution path; quote the key");
            else pieces.Add(ReadUnquoted(at));
        }
        TrimWhitespace(pieces);
        if (pieces.Count == 0) throw start.Error("empty substitution: expected a path inside ${}");
        var path = ConfigPath.FromPieces(pieces, start);
        return new Token(TokenKind.Substitution, text[begin..index], start, path, optional);
    }

    /// <summary>Drops whitespace tokens at both ends of a list of key pieces.</summary>
    public static void TrimWhitespace(List<Token> pieces)
    {
        while (pieces.Count > 0 && pieces[^1].Kind == TokenKind.Whitespace) pieces.RemoveAt(pieces.Count - 1);
        while (pieces.Count > 0 && pieces[0].Kind == TokenKind.Whitespace) pieces.RemoveAt(0);
    }
}
