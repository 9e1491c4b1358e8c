namespace ActorShutdown;

/// <summary>An actor name is invalid or already taken by a sibling.</summary>
public class InvalidActorNameException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public InvalidActorNameException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidActorNameException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidActorNameException(string message, Exception innerException) : base(message, innerException) { }
}
