using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// On a <see cref="Cancel"/>, cleans up for its duration awaiting its fresh token, then stops: "cleanup-done", or
/// "cleanup-interrupted" when the next request cuts it short (it gives up, and is stopped).
/// </summary>
public sealed class SlowCleanupActor : CancellableReceiveActor
{
    private readonly Journal _journal;

    public SlowCleanupActor(Journal journal, TimeSpan cleanup, TimeProvider time)
    {
        _journal = journal;
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
                throw;
            }
            journal.Tell(Self, "cleanup-done");
            Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, TimeSpan cleanup, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new SlowCleanupActor(journal, cleanup, time));

    protected override void PreStart() => _journal.Tell(Self, "started");

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
