using Akka.Actor;
using Akka.Dispatch;

namespace ActorShutdown;

/// <summary>
/// A <see cref="ReceiveActor"/> with the full cancellation model: a cancelled await is not a failure, a
/// <see cref="Cancel"/> is handled before any further queued message, and catch-all handlers never see it.
/// </summary>
/// <remarks>
/// <para>An <see cref="OperationCanceledException"/> (or the <see cref="TaskCanceledException"/> Akka makes of a
/// cancelled task) that escapes a handler because the actor's <c>Context.CancellationToken</c> was tripped ends the
/// handler: no restart, no lost state, and the <see cref="Cancel"/> comes next. Escaping a <see cref="Cancel"/>
/// handler, it means the actor gives up its cleanup: it is stopped. Any other exception is supervised as usual.</para>
/// <para>The actor handles <see cref="Cancel"/> only with <c>Receive&lt;Cancel&gt;</c> or
/// <c>ReceiveAsync&lt;Cancel&gt;</c>: <c>ReceiveAny</c>, <c>ReceiveAnyAsync</c> and handlers for a type
/// <see cref="Cancel"/> derives from (<see cref="object"/>, …) let it pass, and an unhandled <see cref="Cancel"/>
/// stops the actor. The <c>Receive</c> methods here replace <see cref="ReceiveActor"/>'s to do that; they are used the
/// same way.</para>
/// <para>The actor needs a deque-based mailbox (Akka's default configuration maps one); while a request is pending,
/// ordinary messages are kept back and put back at the front of the mailbox, in order, once the
/// <see cref="Cancel"/> has been handled. The token is tripped as soon as the actor stops or restarts.</para>
/// </remarks>
public abstract class CancellableReceiveActor
    : ReceiveActor, ICancellableActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
{
    private volatile CancellationState? _cancellation;
    private Func<Receive, object, bool>? _next;

    CancellationState? ICancellableActor.Cancellation
    {
        get => _cancellation;
        set => _cancellation = value;
    }

    /// <inheritdoc cref="ReceiveActor.Receive{T}(Action{T}, Predicate{T})" />
    protected new void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        base.Receive(handler, SkipCancel(shouldHandle));

    /// <inheritdoc cref="ReceiveActor.Receive{T}(Predicate{T}, Action{T})" />
    protected new void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    /// <inheritdoc cref="ReceiveActor.Receive(Type, Action{object}, Predicate{object})" />
    protected new void Receive(Type messageType, Action<object> handler, Predicate<object>? shouldHandle = null) =>
        base.Receive(messageType, handler, SkipCancel(messageType, shouldHandle));

    /// <inheritdoc cref="ReceiveActor.Receive(Type, Predicate{object}, Action{object})" />
    protected new void Receive(Type messageType, Predicate<object> shouldHandle, Action<object> handler) =>
        Receive(messageType, handler, shouldHandle);

    /// <inheritdoc cref="ReceiveActor.Receive{T}(Func{T, bool})" />
    protected new void Receive<T>(Func<T, bool> handler) =>
        base.Receive<T>(CatchesCancel(typeof(T)) ? message => message is not Cancel && handler(message) : handler);

    /// <inheritdoc cref="ReceiveActor.Receive(Type, Func{object, bool})" />
    protected new void Receive(Type messageType, Func<object, bool> handler) =>
        base.Receive(messageType, CatchesCancel(messageType) ? message => message is not Cancel && handler(message) : handler);

    /// <summary>Registers a handler for every message but <see cref="Cancel"/>.</summary>
    /// <param name="handler">The handler.</param>
    protected new void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <inheritdoc cref="ReceiveActor.ReceiveAsync{T}(Func{T, Task}, Predicate{T})" />
    protected new void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        base.ReceiveAsync(Guard(handler), SkipCancel(shouldHandle));

    /// <inheritdoc cref="ReceiveActor.ReceiveAsync{T}(Predicate{T}, Func{T, Task})" />
    protected new void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        ReceiveAsync(handler, shouldHandle);

    /// <inheritdoc cref="ReceiveActor.ReceiveAsync(Type, Func{object, Task}, Predicate{object})" />
    protected new void ReceiveAsync(Type messageType, Func<object, Task> handler, Predicate<object>? shouldHandle = null) =>
        base.ReceiveAsync(messageType, Guard(handler), SkipCancel(messageType, shouldHandle));

    /// <inheritdoc cref="ReceiveActor.ReceiveAsync(Type, Predicate{object}, Func{object, Task})" />
    protected new void ReceiveAsync(Type messageType, Predicate<object> shouldHandle, Func<object, Task> handler) =>
        ReceiveAsync(messageType, handler, shouldHandle);

    /// <summary>Registers an asynchronous handler for every message but <see cref="Cancel"/>.</summary>
    /// <param name="handler">The handler.</param>
    protected new void ReceiveAnyAsync(Func<object, Task> handler) => ReceiveAsync(handler);

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

    // The context is the actor's cell, the same for every incarnation, so it can be taken when the handler is registered.
    private Func<T, Task> Guard<T>(Func<T, Task> handler)
    {
        var context = Context;
        return message => CancellableActor.RunGuarded(this, context, handler, message);
    }

    // A handler for a type Cancel derives from (object, IDeadLetterSuppression, …) must let Cancel pass; a handler for
    // any other type keeps its predicate untouched, so its path costs nothing more than Akka's.
    private static bool CatchesCancel(Type messageType) =>
        messageType != typeof(Cancel) && messageType.IsAssignableFrom(typeof(Cancel));

    private static Predicate<T>? SkipCancel<T>(Predicate<T>? shouldHandle) =>
        !CatchesCancel(typeof(T)) ? shouldHandle : message => message is not Cancel && (shouldHandle is null || shouldHandle(message));

    private static Predicate<object>? SkipCancel(Type messageType, Predicate<object>? shouldHandle) =>
        !CatchesCancel(messageType) ? shouldHandle : message => message is not Cancel && (shouldHandle is null || shouldHandle(message));
}
