namespace ActorShutdown;

/// <summary>Delivered to a watcher when the watched actor has terminated.</summary>
/// <param name="ActorRef">The actor that terminated.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone when the watch began.</param>
/// <param name="AddressTerminated">Always false in a single process; kept for Akka compatibility.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);
