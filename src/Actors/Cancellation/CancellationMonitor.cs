using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// A system actor that carries out the two rules Akka cannot be asked to apply to plain actors: an actor that leaves
/// a <see cref="Cancel"/> unhandled is stopped (Akka publishes it as <see cref="UnhandledMessage"/>), and the token
/// of an actor that stops by any means is tripped (Akka tells watchers with <see cref="Terminated"/>).
/// </summary>
internal sealed class CancellationMonitor : ReceiveActor
{
    private readonly Dictionary<IActorRef, CancellationState> _watched = [];

    public CancellationMonitor()
    {
        // Every UnhandledMessage is taken: leaving one unhandled here would publish another, for ever.
        Receive<UnhandledMessage>(unhandled =>
        {
            if (unhandled.Message is Cancel)
            {
                ActorTree.Stop(unhandled.Recipient);
            }
        });
        Receive<WatchToken>(watch =>
        {
            _watched[watch.Actor] = watch.State;
            Context.Watch(watch.Actor);
        });
        Receive<Terminated>(terminated =>
        {
            if (_watched.Remove(terminated.ActorRef, out var state))
            {
                state.Stopped();
            }
        });
    }

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(UnhandledMessage));

    /// <summary>Trip <see cref="State"/>'s token when <see cref="Actor"/> stops.</summary>
    public sealed record WatchToken(IActorRef Actor, CancellationState State);
}
