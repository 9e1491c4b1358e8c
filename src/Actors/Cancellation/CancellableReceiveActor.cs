using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// A <see cref="ReceiveActor"/> with the full cancellation model: a cancelled await is not a failure, a
/// <see cref="Cancel"/> is handled before any further queued message, and catch-all handlers never see it.
/// </summary>
public abstract class CancellableReceiveActor : ReceiveActor
{
}
