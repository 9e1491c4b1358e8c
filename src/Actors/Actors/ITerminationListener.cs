namespace ActorShutdown;

/// <summary>
/// Implemented by runtime actors (the shutdown guardian) that take the termination notices of what they watch
/// straight from the system queue, ahead of their ordinary messages, instead of as <see cref="Terminated"/>.
/// </summary>
internal interface ITerminationListener
{
    /// <summary>Runs on the listener's own thread when a watched actor has terminated or was abandoned.</summary>
    void OnTerminated(IInternalActorRef actor);
}
