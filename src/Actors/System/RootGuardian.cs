namespace ActorShutdown;

/// <summary>
/// The actor behind <c>/</c>. Stopping the system stops <c>/user</c> first and <c>/system</c> only after it,
/// so the runtime's actors (the shutdown guardian, TestKit probes) see every user actor go. If <c>/user</c>
/// dies for any reason, the system terminates.
/// </summary>
internal sealed class RootGuardian : UntypedActor
{
    public static readonly object StopSystem = new();

    protected override void PreStart() => Context.Watch(Context.Child("user")!);

    protected override void OnReceive(object message)
    {
        if (ReferenceEquals(message, StopSystem)) Context.Stop(Context.Child("user") ?? Self);
        else if (message is Terminated) Context.Stop(Self);
    }

    protected override SupervisorStrategy SupervisorStrategy() => ActorShutdown.SupervisorStrategy.StoppingStrategy;
}
