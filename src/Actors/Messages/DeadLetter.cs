namespace ActorShutdown;

/// <summary>A message that could not be delivered.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it, if known.</param>
/// <param name="Recipient">Where it was going.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
