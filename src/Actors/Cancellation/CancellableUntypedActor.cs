using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// An <see cref="UntypedActor"/> with the full cancellation model: a cancelled await is not a failure, a
/// <see cref="Cancel"/> is handled before any further queued message, and <c>Unhandled(cancel)</c> stops it.
/// </summary>
public abstract class CancellableUntypedActor : UntypedActor
{
}
