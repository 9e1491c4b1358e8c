using Akka.Actor;
using Akka.Dispatch;

namespace ActorShutdown;

/// <summary>
/// An <see cref="UntypedActor"/> with the full cancellation model: a cancelled await is not a failure, a
/// <see cref="Cancel"/> is handled before any further queued message, and <c>Unhandled(cancel)</c> stops it.
/// </summary>
/// <remarks>
/// <para>An <see cref="OperationCanceledException"/> that escapes <see cref="UntypedActor.OnReceive"/> or a
/// <see cref="RunTask(Func{Task})"/> task because the actor's <c>Context.CancellationToken</c> was tripped ends the
/// handler: no restart, no lost state, and the <see cref="Cancel"/> comes next. Escaping the handling of a
/// <see cref="Cancel"/>, it means the actor gives up its cleanup: it is stopped. Any other exception is supervised as
/// usual.</para>
/// <para>The actor needs a deque-based mailbox (Akka's default configuration maps one); while a request is pending,
/// ordinary messages are kept back and put back at the front of the mailbox, in order, once the
/// <see cref="Cancel"/> has been handled. The token is tripped as soon as the actor stops or restarts.</para>
/// </remarks>
public abstract class CancellableUntypedActor
    : UntypedActor, ICancellableActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
{
    private volatile CancellationState? _cancellation;
    private Func<Receive, object, bool>? _next;

    CancellationState? ICancellableActor.Cancellation
    {
        get => _cancellation;
        set => _cancellation = value;
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        // The one check on the path of an actor that never read its token and was never cancelled.
        var state = _cancellation;
        if (state is not null)
        {
            return CancellableActor.AroundReceive(Context, state, receive, message, _next ??= base.AroundReceive);
        }
        // Akka's own path; the handler may read its token for the first time, and a request may then trip it.
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (OperationCanceledException) when (_cancellation is { Tripped: true })
        {
            CancellableActor.HandlerCancelled(Context, message);
            return true;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> as Akka's <see cref="UntypedActor.RunTask(Func{Task})"/> does (the actor is
    /// suspended until the task completes), except that a cancellation caused by the actor's token is not a failure.
    /// </summary>
    /// <param name="action">The asynchronous work.</param>
    protected new void RunTask(Func<Task> action) =>
        base.RunTask(() => CancellableActor.RunGuarded(this, Context, static run => run(), action));

    /// <summary>
    /// Runs <paramref name="action"/> as Akka's <see cref="UntypedActor.RunTask(Action)"/> does, except that a
    /// cancellation caused by the actor's token is not a failure.
    /// </summary>
    /// <param name="action">The work.</param>
    protected new void RunTask(Action action) => RunTask(() =>
    {
        action();
        return Task.CompletedTask;
    });

    /// <summary>An unhandled <see cref="Cancel"/> stops the actor; anything else goes to Akka.</summary>
    /// <param name="message">The message no handler took.</param>
    protected override void Unhandled(object message)
    {
        if (message is Cancel)
        {
            CancellableActor.Unhandled(Context);
            return;
        }
        base.Unhandled(message);
    }

    /// <inheritdoc />
    public override void AroundPreStart()
    {
        CancellableActor.Starting(this, Context);
        base.AroundPreStart();
    }

    /// <inheritdoc />
    public override void AroundPreRestart(Exception cause, object message)
    {
        CancellableActor.Restarting(this, Context);
        base.AroundPreRestart(cause, message);
    }

    /// <inheritdoc />
    public override void AroundPostRestart(Exception cause, object message)
    {
        CancellableActor.Starting(this, Context);
        base.AroundPostRestart(cause, message);
    }

    /// <inheritdoc />
    public override void AroundPostStop()
    {
        _cancellation?.Stopped();
        base.AroundPostStop();
    }
}
