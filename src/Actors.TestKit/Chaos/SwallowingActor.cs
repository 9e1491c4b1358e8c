using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>Swallows the first <c>swallow</c> cancel requests (it stays alive: it has resisted) and stops on the next.</summary>
internal sealed class SwallowingActor : CancellableReceiveActor
{
    public SwallowingActor(int swallow) =>
        Receive<Cancel>(cancel =>
        {
            if (cancel.Attempt > swallow) Context.Stop(Self);
        });
}
