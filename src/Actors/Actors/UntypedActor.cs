namespace ActorShutdown;

/// <summary>An actor with one method for every message. Call <see cref="ActorBase.Unhandled"/> for messages it does not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message.</summary>
    protected abstract void OnReceive(object message);

    internal sealed override Task? Dispatch(object message)
    {
        OnReceive(message);
        return null;
    }
}
