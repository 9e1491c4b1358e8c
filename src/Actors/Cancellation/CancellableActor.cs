using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// What <see cref="CancellableReceiveActor"/> and <see cref="CancellableUntypedActor"/> share: each has to derive
/// from its own Akka base, so the model lives here and they delegate to it.
/// </summary>
internal static class CancellableActor
{
    /// <summary>
    /// The message path once the actor has a <see cref="CancellationState"/>: a <see cref="Cancel"/> starts a fresh
    /// token and is followed by the messages deferred for it; an ordinary message waits while a request is pending;
    /// an <see cref="OperationCanceledException"/> caused by the actor's token ends the handler, or, from a
    /// <see cref="Cancel"/> handler, stops the actor.
    /// </summary>
    /// <remarks>
    /// Called for every message once the actor has a state: from its first token read, or from a request (which
    /// attaches the state to the running instance, or which a starting instance finds in <see cref="Starting"/>).
    /// A <see cref="Cancel"/> sent by hand to an actor without state takes Akka's path: there is no request to count.
    /// </remarks>
    public static bool AroundReceive(
        IActorContext context, CancellationState state, Receive receive, object message, Func<Receive, object, bool> next)
    {
        var cancel = message as Cancel;
        if (cancel is not null)
        {
            state.BeginHandling(cancel.Attempt);
        }
        else if (state.Defer(message, context.Sender))
        {
            return true;
        }
        try
        {
            return next(receive, message);
        }
        catch (OperationCanceledException) when (state.Tripped)
        {
            HandlerCancelled(context, message);
            return true;
        }
        finally
        {
            if (cancel is not null)
            {
                state.Undefer(context);
            }
        }
    }

    /// <summary>
    /// Runs an async handler so that an <see cref="OperationCanceledException"/> (or the
    /// <see cref="TaskCanceledException"/> of a cancelled task) caused by the actor's token completes it instead of
    /// failing it — Akka would restart the actor and drop the message (akka-facts §4).
    /// </summary>
    public static async Task RunGuarded<T>(ICancellableActor actor, IActorContext context, Func<T, Task> handler, T message)
    {
        var current = ((ActorCell)context).CurrentMessage;
        Task task;
        try
        {
            task = handler(message);
        }
        catch (OperationCanceledException) when (actor.Cancellation is { Tripped: true })
        {
            HandlerCancelled(context, current);
            return;
        }
        // Awaited without throwing: a cancelled await is how most handlers end in a shutdown, and each exception thrown
        // costs tens of microseconds (for 100,000 awaiting actors, most of the CPU time after their tokens tripped).
        // Continue on the actor's scheduler: stopping the actor below needs its context.
        await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (task.IsCompletedSuccessfully) return;
        if (EndedByCancellation(task) && actor.Cancellation is { Tripped: true })
        {
            HandlerCancelled(context, current);
            return;
        }
        await task.ConfigureAwait(true);   // completed: rethrows its failure for Akka's supervision
    }

    private static bool EndedByCancellation(Task task) =>
        task.IsCanceled || task.Exception?.InnerExceptions is [OperationCanceledException];

    /// <summary>A new incarnation starts: it picks up the state left by an earlier one or a request.</summary>
    public static void Starting(ICancellableActor actor, IActorContext context) =>
        actor.Cancellation ??= ActorCancellation.Attach(context.Self);

    /// <summary>
    /// The incarnation is replaced: its token is tripped at once, and the messages it kept back go back to the
    /// mailbox for the next one, as Akka's stash does on restart.
    /// </summary>
    public static void Restarting(ICancellableActor actor, IActorContext context)
    {
        if (actor.Cancellation is { } state)
        {
            state.Restarting();
            state.Undefer(context);
        }
    }

    /// <summary><c>Unhandled(cancel)</c>: the actor stops, like an unhandled <c>CancelledError</c>.</summary>
    public static void Unhandled(IActorContext context) => context.Stop(context.Self);

    /// <summary>
    /// A handler ended by the actor's token: an ordinary one just ends; a <see cref="Cancel"/> handler means the actor
    /// gives up its cleanup, and it is stopped.
    /// </summary>
    public static void HandlerCancelled(IActorContext context, object? message)
    {
        if (message is Cancel)
        {
            context.Stop(context.Self);
        }
    }
}
