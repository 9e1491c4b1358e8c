namespace ActorShutdown.Configuration;

/// <summary>
/// Malformed configuration, a missing path, a value of the wrong type or an invalid setting.
/// The message names the source ("string" or a file), line and column, or the offending path.
/// </summary>
public class ConfigurationException : Exception
{
    /// <summary>Creates an exception with a message and no source position.</summary>
    public ConfigurationException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception for a position in a source; the message gets the position prefixed.</summary>
    /// <param name="sourceName">The file name, or "string" for text parsed directly.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="message">What was wrong or expected.</param>
    public ConfigurationException(string? sourceName, int line, int column, string message)
        : base($"{sourceName ?? "string"}:{line}:{column}: {message}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>Creates an exception without details.</summary>
    public ConfigurationException() { }

    /// <summary>The file the error is in, "string" for parsed text, or null when not tied to a source.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line of the error, or 0 when not tied to a source.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, or 0 when not tied to a source.</summary>
    public int Column { get; }
}
