namespace ActorShutdown;

/// <summary>An immutable, thread-safe handle to an actor. Messages are sent to it with <see cref="Tell"/>.</summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's place in the hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends a message without waiting. Never throws for a stopped actor: the message becomes a dead letter.
    /// </summary>
    /// <param name="message">The message; must not be null.</param>
    /// <param name="sender">The actor to reply to, or null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    void Tell(object message, IActorRef? sender = null);
}
