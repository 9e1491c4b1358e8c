using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// A cancel request, delivered to an actor after its <c>Context.CancellationToken</c> was tripped. An actor that
/// does not handle it is stopped; one that handles it may clean up and stop itself, and if it is still alive after
/// its handler it has resisted and gets the next attempt.
/// </summary>
/// <param name="Attempt">1 for the first request this actor got, 2 for the next, and so on.</param>
/// <param name="Reason">Why: the reason given with the request, else the running shutdown's.</param>
/// <remarks>
/// <see cref="IDeadLetterSuppression"/>: a Cancel that reaches a stopped actor, or that an actor leaves unhandled
/// (and is stopped for), is part of an ordinary shutdown, not a dead letter worth logging.
/// </remarks>
public sealed record Cancel(int Attempt, CoordinatedShutdown.Reason Reason) : IDeadLetterSuppression;
