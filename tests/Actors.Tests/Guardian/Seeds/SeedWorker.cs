using ActorShutdown.Tests.Guardian.Scenarios;
using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Seeds;

/// <summary>
/// The seeds' worker: at its start it works for its length, awaiting <c>Task.Delay(length, time, Context.CancellationToken)</c>,
/// then notes "finished" and stops. Cancelled, it cleans up for its cleanup's length on the fresh token of that Cancel:
/// "cleanup-done" and it stops, or "cleanup-interrupted" when the next request cuts it short, and it gives up (stopped).
/// </summary>
public sealed class SeedWorker : CancellableReceiveActor
{
    private readonly Journal _journal;

    public SeedWorker(Journal journal, TimeSpan length, TimeSpan cleanup, TimeProvider time)
    {
        _journal = journal;
        ReceiveAsync<string>(async _ =>
        {
            journal.Tell(Self, "working");
            try
            {
                await Task.Delay(length, time, Context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                journal.Tell(Self, "tripped");
                return;   // the Cancel comes next
            }
            journal.Tell(Self, "finished");
            Context.Stop(Self);
        });
        ReceiveAsync<Cancel>(async cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            try
            {
                await Task.Delay(cleanup, time, Context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                journal.Tell(Self, "cleanup-interrupted");
                throw;   // giving up: the actor is stopped
            }
            journal.Tell(Self, "cleanup-done");
            Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, TimeSpan length, TimeSpan cleanup, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new SeedWorker(journal, length, cleanup, time));

    protected override void PreStart() => Self.Tell("work");

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
