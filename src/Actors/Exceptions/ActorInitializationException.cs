namespace ActorShutdown;

/// <summary>An actor's constructor or <c>PreStart</c> threw; its supervisor stops it.</summary>
public class ActorInitializationException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public ActorInitializationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorInitializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorInitializationException(string message, Exception innerException) : base(message, innerException) { }
}
