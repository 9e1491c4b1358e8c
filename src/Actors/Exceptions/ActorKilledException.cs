namespace ActorShutdown;

/// <summary>The actor received <see cref="Kill"/> (or was escalated with kill); its supervisor stops it.</summary>
public class ActorKilledException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public ActorKilledException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorKilledException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorKilledException(string message, Exception innerException) : base(message, innerException) { }
}
