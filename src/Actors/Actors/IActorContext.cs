using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// What an actor sees of the runtime while it runs. Use it only from the actor's own handlers (including the
/// continuations of its async handlers), never from other threads.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's ref.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled (<see cref="ActorSystem.DeadLetters"/> when there is none).</summary>
    IActorRef Sender { get; }

    /// <summary>This actor's parent.</summary>
    IActorRef Parent { get; }

    /// <summary>The system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>A snapshot of the live children.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The live child with that name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child actor.</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken by a live sibling.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Delivers <see cref="Terminated"/> to this actor when <paramref name="subject"/> terminates.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Delivers <paramref name="message"/> to this actor when <paramref name="subject"/> terminates.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a termination notice already queued is discarded.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops an actor (this one or a child): the message being handled finishes, queued ones become dead letters.</summary>
    void Stop(IActorRef actor);

    /// <summary>
    /// Tripped by a cancel request (out of band, even while the actor awaits) and when the actor stops. A fresh,
    /// untripped token is in place while the actor handles a <see cref="Cancel"/>.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>A logger named after the actor's type.</summary>
    ILogger Log { get; }
}
