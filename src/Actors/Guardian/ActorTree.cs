using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Routing;

namespace ActorShutdown;

/// <summary>
/// Reads the live actor tree from outside the actors (akka-facts §3). <see cref="ActorRefWithCell"/> and the cells are
/// Akka's [InternalApi]: Akka offers no public way for an extension to enumerate the actors under <c>/user</c>. Their
/// children containers are immutable snapshots swapped atomically, so reading them from the guardian's thread is safe.
/// ActorTreeTests fails loudly if Akka changes these.
/// </summary>
internal static class ActorTree
{
    /// <summary>The actor's children, as a snapshot; none for an actor that is not local or not started.</summary>
    internal static IEnumerable<IActorRef> Children(IActorRef actor) =>
        actor is ActorRefWithCell withCell ? withCell.Children : [];

    /// <summary>Whether the actor has children; without enumerating them where its cell says it has none.</summary>
    internal static bool HasChildren(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: ActorCell { ChildrenContainer: EmptyChildrenContainer } } ? false : Children(actor).Any();

    /// <summary>Whether the actor has terminated, or is terminating (waiting for its children, say).</summary>
    internal static bool IsStopping(IActorRef actor) => actor switch
    {
        ActorRefWithCell { Underlying: ActorCell cell } => cell.IsTerminated || cell.ChildrenContainer.IsTerminating,
        _ => IsTerminated(actor),
    };

    /// <summary>Whether the actor has terminated; false for one whose cell is not known.</summary>
    internal static bool IsTerminated(IActorRef actor) => actor is ActorRefWithCell { Underlying: { } cell } && cell.IsTerminated;

    /// <summary>The type of the actor's props, or null when the cell is not known yet.</summary>
    internal static Type? ActorType(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: { } cell } ? cell.Props.Type : null;

    /// <summary>
    /// Stops the actor directly, with a system message to it, as Akka's own <c>ActorSystem.Stop</c> does for actors
    /// below the top level. For a top-level actor Akka would send <c>StopChild</c> through <c>/user</c>, one at a time
    /// and with a copy of its children container each: 100,000 of them made <c>/user</c> the bottleneck of a large
    /// shutdown. <see cref="IInternalActorRef"/> is Akka's [InternalApi]; AkkaInternalsTests stops an actor this way.
    /// </summary>
    internal static void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef internalRef) internalRef.Stop();
    }

    /// <summary>The actor's parent, or null when its cell is not known.</summary>
    internal static IActorRef? Parent(IActorRef actor) => actor is ActorRefWithCell { Underlying: { } cell } ? cell.Parent : null;

    /// <summary>The system of a local actor, or null.</summary>
    internal static ActorSystem? SystemOf(IActorRef actor) => actor is ActorRefWithCell { Underlying: { } cell } ? cell.System : null;

    /// <summary>Whether the actor is a router (its routees are its children for a pool, other actors for a group).</summary>
    internal static bool IsRouter(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: { } cell } && cell.Props.RouterConfig is not NoRouter;
}
