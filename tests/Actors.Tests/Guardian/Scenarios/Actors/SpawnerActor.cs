using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>On a <see cref="Cancel"/>, creates two children (<c>spawned-{attempt}-{i}</c>, idle) and stops: actors born while stopping.</summary>
public sealed class SpawnerActor : CancellableReceiveActor
{
    public const string ChildPrefix = "spawned-";

    private readonly Journal _journal;

    public SpawnerActor(Journal journal)
    {
        _journal = journal;
        Receive<Cancel>(cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            for (var i = 0; i < 2; i++) Context.ActorOf(IdleActor.Props(journal), $"{ChildPrefix}{cancel.Attempt}-{i}");
            journal.Tell(Self, "spawned", cancel.Attempt);
            Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal) => Akka.Actor.Props.Create(() => new SpawnerActor(journal));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
