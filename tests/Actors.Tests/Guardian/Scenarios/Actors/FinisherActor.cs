using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>Works, deaf to cancellation, until its duration past its start, then stops; it notes and swallows every <see cref="Cancel"/> meanwhile.</summary>
public sealed class FinisherActor : CancellableReceiveActor
{
    private readonly Journal _journal;
    private readonly TimeSpan _after;
    private readonly TimeProvider _time;

    public FinisherActor(Journal journal, TimeSpan after, TimeProvider time)
    {
        _journal = journal;
        _after = after;
        _time = time;
        Receive<Cancel>(cancel => journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason));
        Receive<Finished>(_ =>
        {
            journal.Tell(Self, "finished");
            Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, TimeSpan after, TimeProvider time) => Akka.Actor.Props.Create(() => new FinisherActor(journal, after, time));

    protected override void PreStart()
    {
        var self = Self;
        _ = Task.Delay(_after, _time).ContinueWith(_ => self.Tell(Finished.Instance, self), TaskScheduler.Default);
        _journal.Tell(Self, "started");
    }

    protected override void PostStop() => _journal.Tell(Self, "stopped");

    private sealed class Finished
    {
        public static readonly Finished Instance = new();
    }
}
