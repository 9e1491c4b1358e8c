using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>Notes each <see cref="Cancel"/> and swallows the first <c>swallow</c> of them (int.MaxValue: all), stopping on the next.</summary>
public sealed class ResisterActor : CancellableReceiveActor
{
    private readonly Journal _journal;

    public ResisterActor(Journal journal, int swallow)
    {
        _journal = journal;
        Receive<Cancel>(cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            if (cancel.Attempt > swallow) Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, int swallow) => Akka.Actor.Props.Create(() => new ResisterActor(journal, swallow));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
