namespace ActorShutdown;

/// <summary>No reply arrived within an <c>Ask</c>'s timeout.</summary>
public class AskTimeoutException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public AskTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AskTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
