using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// A plain <see cref="ReceiveActor"/> that does nothing and has no handler for <see cref="Cancel"/>: the first cancel
/// request stops it (Akka publishes the Cancel as unhandled). It notes the Cancel on its way out.
/// </summary>
public sealed class IdleActor : ReceiveActor
{
    private readonly Journal _journal;

    public IdleActor(Journal journal) => _journal = journal;

    public static Props Props(Journal journal) => Akka.Actor.Props.Create(() => new IdleActor(journal));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void Unhandled(object message)
    {
        if (message is Cancel cancel) _journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
        base.Unhandled(message);
    }

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
