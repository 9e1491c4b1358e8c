using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// Stops an actor that left a <see cref="Cancel"/> unhandled, like an unhandled <c>CancelledError</c>. Akka only
/// publishes such a message (<see cref="UnhandledMessage"/>); this is not an actor but a ref on the event stream, so
/// the stop is sent as the message is published, on the actor's own thread, with no hop through another mailbox.
/// </summary>
/// <remarks><see cref="MinimalActorRef"/> is Akka's [InternalApi] base for such refs.</remarks>
internal sealed class UnhandledCancelStopper(ExtendedActorSystem system) : MinimalActorRef
{
    /// <inheritdoc />
    public override ActorPath Path { get; } = new RootActorPath(system.Provider.DefaultAddress) / "system" / "unhandled-cancel-stopper";

    /// <inheritdoc />
    public override IActorRefProvider Provider => system.Provider;

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is UnhandledMessage { Message: Cancel } unhandled) ActorTree.Stop(unhandled.Recipient);
    }
}
