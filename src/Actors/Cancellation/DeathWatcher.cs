using Akka.Actor;
using Akka.Dispatch.SysMsg;

namespace ActorShutdown;

/// <summary>
/// A watcher that is not an actor: a watched actor tells it of its death with a system message, on the dying actor's
/// own thread, and it calls back there. Unlike <c>Context.Watch</c>, the watching side keeps no per-actor entry (Akka's
/// cell keeps a dictionary hashed by path) and no <see cref="Terminated"/> goes through a mailbox: for a 100,000-actor
/// shutdown, the guardian's own watch bookkeeping was about a sixth of its CPU time.
/// </summary>
/// <remarks>
/// <see cref="MinimalActorRef"/>, <see cref="Watch"/> and <see cref="DeathWatchNotification"/> are Akka's
/// [InternalApi]; Akka's own <c>PromiseActorRef</c> watches this way. AkkaInternalsTests fails loudly if they change.
/// An actor that is already dead answers the watch at once, as it would <c>Context.Watch</c>.
/// </remarks>
internal sealed class DeathWatcher(ExtendedActorSystem system, string name, Action<IActorRef> terminated) : MinimalActorRef
{
    /// <inheritdoc />
    public override ActorPath Path { get; } = new RootActorPath(system.Provider.DefaultAddress) / "system" / name;

    /// <inheritdoc />
    public override IActorRefProvider Provider => system.Provider;

    /// <summary>Asks <paramref name="actor"/> to say when it terminates (once, with the callback).</summary>
    public void Watch(IActorRef actor)
    {
        if (actor is IInternalActorRef watchee) watchee.SendSystemMessage(new Watch(watchee, this));
    }

    /// <inheritdoc />
    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is DeathWatchNotification notification) terminated(notification.Actor);
    }
}
