namespace ActorShutdown;

/// <summary>An ordinary message on its way to an actor: the only allocation a <c>Tell</c> makes.</summary>
internal sealed class Envelope(object message, IActorRef? sender) : QueueNode
{
    public readonly object Message = message;
    public readonly IActorRef? Sender = sender;
}
