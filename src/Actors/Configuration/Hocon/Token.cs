namespace ActorShutdown.Configuration;

/// <summary>The kinds of token the HOCON tokenizer produces.</summary>
internal enum TokenKind
{
    End,
    Newline,
    /// <summary>A run of non-newline whitespace; kept because it matters inside value concatenations and keys.</summary>
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    /// <summary><c>:</c> or <c>=</c>.</summary>
    Separator,
    PlusEquals,
    /// <summary>Unquoted text, raw; the parser decides whether it is a number, boolean, null or string.</summary>
    Unquoted,
    /// <summary>A quoted or triple-quoted string, already unescaped.</summary>
    Quoted,
    /// <summary><c>${path}</c> or <c>${?path}</c>; <see cref="Token.Path"/> holds the parsed path.</summary>
    Substitution,
}

/// <summary>One token, with the position of its first character.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position, ConfigPath? Path = null, bool Optional = false)
{
    /// <summary>The token as an error message names it.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Unquoted => $"'{Text}'",
        TokenKind.Quoted => $"the string \"{Text}\"",
        TokenKind.Substitution => $"the substitution ${{{(Optional ? "?" : "")}{Path}}}",
        _ => $"'{Text}'",
    };
}
