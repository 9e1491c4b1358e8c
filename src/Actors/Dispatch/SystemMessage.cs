namespace ActorShutdown;

/// <summary>
/// Runtime-internal messages (lifecycle, supervision, death watch, async continuations). They travel in
/// the system queue, which is always drained before the next ordinary message.
/// </summary>
internal abstract class SystemMessage : QueueNode;

/// <summary>Create the actor instance and run <c>PreStart</c>.</summary>
internal sealed class Create : SystemMessage;

/// <summary>Stop the actor: children first, then <c>PostStop</c>, then watchers are told.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>Fail the actor with <see cref="ActorKilledException"/> ahead of its queue (the guardian's <c>kill</c> escalation).</summary>
internal sealed class KillNow : SystemMessage;

/// <summary>Sent to a watchee: the watcher wants a notification when it terminates.</summary>
internal sealed class Watch(IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Sent to a watchee: the watcher no longer wants a notification.</summary>
internal sealed class Unwatch(IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Sent to a parent and to watchers when an actor has terminated (or was abandoned).</summary>
internal sealed class DeathWatchNotification(IInternalActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IInternalActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>Sent to a parent: its child failed and is suspended until the supervisor decides.</summary>
internal sealed class Failed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;
    public Exception Cause { get; } = cause;
}

/// <summary>Supervisor's decision: carry on with the same instance.</summary>
internal sealed class Resume : SystemMessage;

/// <summary>Supervisor's decision: replace the instance (same ref, mailbox kept).</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>The continuation of an async handler, to run as the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}

/// <summary>An async handler's task has completed; ordinary messages may flow again.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
