using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// A worker: "work" starts a job of its length on the test clock, awaiting its token ("finished", or "tripped" when
/// the token ends it); it counts the ints queued behind the job and notes whether its token was ever tripped in an
/// ordinary handler; each <see cref="Cancel"/> is noted and, past <c>swallow</c>, stops it. "stopped" carries the
/// count and that note, so a shielded worker that lost a message shows it.
/// </summary>
public sealed class WorkerActor : CancellableReceiveActor
{
    private readonly Journal _journal;
    private int _count;
    private bool _tripped;

    public WorkerActor(Journal journal, TimeSpan job, TimeProvider time, int swallow)
    {
        _journal = journal;
        ReceiveAsync<string>(async _ =>
        {
            Note();
            journal.Tell(Self, "working");
            try
            {
                await Task.Delay(job, time, Context.CancellationToken);
                journal.Tell(Self, "finished");
            }
            catch (OperationCanceledException)
            {
                journal.Tell(Self, "tripped");
            }
        }, s => s == "work");
        Receive<int>(_ =>
        {
            Note();
            _count++;
        });
        Receive<Cancel>(cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            if (cancel.Attempt > swallow) Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, TimeSpan job, TimeProvider time, int swallow = 0) =>
        Akka.Actor.Props.Create(() => new WorkerActor(journal, job, time, swallow));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void PostStop() => _journal.Tell(Self, "stopped", count: _count, tripped: _tripped);

    private void Note() => _tripped |= Context.CancellationToken.IsCancellationRequested;
}
