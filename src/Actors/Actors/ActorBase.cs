namespace ActorShutdown;

/// <summary>
/// The base of every actor. Create actors with <see cref="ActorSystem.ActorOf"/> or
/// <see cref="IActorContext.ActorOf"/>, never with <c>new</c>.
/// </summary>
public abstract class ActorBase
{
    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="InvalidOperationException">The actor was constructed outside <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        Cell = ActorCell.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} was created with 'new'; create actors with ActorOf(Props.Create<{GetType().Name}>()).");
    }

    internal ActorCell Cell { get; }

    /// <summary>The actor's view of the runtime.</summary>
    protected IActorContext Context => Cell;

    /// <summary>This actor's ref.</summary>
    protected IActorRef Self => Cell;

    /// <summary>The sender of the message being handled.</summary>
    protected IActorRef Sender => Cell.Sender;

    /// <summary>Runs when the actor starts (and, by default, after a restart).</summary>
    protected virtual void PreStart() { }

    /// <summary>Runs when the actor has stopped, after its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>Runs on the failed instance before a restart. By default stops all children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for a message no handler took. <see cref="Terminated"/> throws <see cref="DeathPactException"/>;
    /// <see cref="Cancel"/> stops the actor; anything else becomes a dead letter.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        switch (message)
        {
            case Terminated t:
                throw new DeathPactException($"{Self.Path} did not handle Terminated for {t.ActorRef.Path}");
            case Cancel:
                Context.Stop(Self);
                break;
            default:
                Cell.System.DeadLetter(message, Cell.Sender, Self);
                break;
        }
    }

    /// <summary>The strategy this actor supervises its children with (default: <see cref="ActorShutdown.SupervisorStrategy.DefaultStrategy"/>).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => ActorShutdown.SupervisorStrategy.DefaultStrategy;

    /// <summary>Handles one message; returns a task when the handler went asynchronous, else null.</summary>
    internal abstract Task? Dispatch(object message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    /// <summary>Runs an async handler with the actor's synchronization context, so its continuations run as the actor.</summary>
    internal Task RunAsyncHandler<T>(Func<T, Task> handler, T message)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(Cell.SynchronizationContext);
        try
        {
            return handler(message);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
