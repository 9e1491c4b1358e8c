namespace ActorShutdown.Configuration;

/// <summary>
/// Where a token or value came from. The default value means "no known position" (for example a
/// value built in code), and errors about it are reported without a position prefix.
/// </summary>
internal readonly record struct SourcePosition(string? SourceName, int Line, int Column)
{
    public bool IsKnown => SourceName is not null;

    /// <summary>An exception whose message is prefixed with this position when it is known.</summary>
    public ConfigurationException Error(string message) =>
        IsKnown ? new ConfigurationException(SourceName, Line, Column, message) : new ConfigurationException(message);

    /// <summary>"line:column", for messages that point at a second position in the same source.</summary>
    public string LineAndColumn => $"{Line}:{Column}";
}
