using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>Stops on a <see cref="Cancel"/>; its <c>PostStop</c> throws, which Akka logs while the actor stops all the same.</summary>
internal sealed class ThrowingCleanupActor : CancellableReceiveActor
{
    public ThrowingCleanupActor() => Receive<Cancel>(_ => Context.Stop(Self));

    protected override void PostStop() => throw new InvalidOperationException($"{Self.Path} failed in its cleanup (Chaos.ThrowsInCleanup)");
}
