namespace ActorShutdown.TestKit;

/// <summary>The base of the chaos actors: reports its lifecycle to an optional observer.</summary>
public abstract class ChaosActor : ReceiveActor
{
    private readonly IActorRef? _observer;

    /// <summary>Creates the actor; <paramref name="observer"/> (a probe, usually) receives <see cref="ChaosEvent"/>s.</summary>
    protected ChaosActor(IActorRef? observer) => _observer = observer;

    /// <summary>Tells the observer that <paramref name="what"/> happened.</summary>
    protected void Report(string what, int attempt = 0) => _observer?.Tell(new ChaosEvent(Self.Path, what, attempt), Self);

    /// <inheritdoc />
    protected override void PreStart() => Report("started");

    /// <inheritdoc />
    protected override void PostStop() => Report("stopped");
}
