using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>Stops on a <see cref="Cancel"/>; its cleanup (<c>PostStop</c>) throws, and it stops all the same.</summary>
public sealed class ThrowerActor : CancellableReceiveActor
{
    private readonly Journal _journal;

    public ThrowerActor(Journal journal)
    {
        _journal = journal;
        Receive<Cancel>(cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal) => Akka.Actor.Props.Create(() => new ThrowerActor(journal));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void PostStop()
    {
        _journal.Tell(Self, "stopped");
        throw new InvalidOperationException($"{Self.Path} failed in its cleanup");
    }
}
