using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>On a <see cref="Cancel"/>, waits out its cleanup with the actor's token, then stops, cut short or not.</summary>
internal sealed class SlowCleanupActor : CancellableReceiveActor
{
    public SlowCleanupActor(TimeSpan cleanup, TimeProvider time) =>
        ReceiveAsync<Cancel>(async _ =>
        {
            try
            {
                await Task.Delay(cleanup, time, Context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The next cancel request cut the cleanup short: the actor gives up and stops, as it would anyway.
            }
            Context.Stop(Self);
        });
}
