namespace ActorShutdown;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched; its supervisor stops it.</summary>
public class DeathPactException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public DeathPactException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeathPactException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeathPactException(string message, Exception innerException) : base(message, innerException) { }
}
