namespace ActorShutdown;

/// <summary>Actor name rules and generated names.</summary>
internal static class ActorNames
{
    private const string AllowedPunctuation = "-_.*+:@&=,!~';";
    private const string Digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    /// <summary>Throws <see cref="InvalidActorNameException"/> unless the name is usable as a path element.</summary>
    public static void Validate(string name, ActorPath parent)
    {
        if (name.Length == 0) throw new InvalidActorNameException($"Actor name under {parent} must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name '{name}' under {parent} must not start with '$' (reserved for generated names).");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c, StringComparison.Ordinal))
                throw new InvalidActorNameException(
                    $"Actor name '{name}' under {parent} has '{c}' at position {i}; use ASCII letters, digits and {AllowedPunctuation}");
        }
    }

    /// <summary>A short generated name: <c>$a</c>, <c>$b</c>, … for ids 1, 2, …</summary>
    public static string Generate(long id)
    {
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        var n = id - 1;
        do
        {
            buffer[--i] = Digits[(int)(n & 63)];
            n >>= 6;
        } while (n != 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }
}
