namespace ActorShutdown;

/// <summary>
/// An actor that declares typed handlers, usually in its constructor. The first handler that matches a
/// message takes it. <see cref="Cancel"/> is taken only by <c>Receive&lt;Cancel&gt;</c> or
/// <c>ReceiveAsync&lt;Cancel&gt;</c>, never by the catch-all handlers; without one, a cancel request stops the actor.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private Handler[] _handlers = [];
    private int _count;

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>, when given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously. Until the task completes the actor takes
    /// no other ordinary message, and the handler's continuations run as the actor (one thread at a time).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new AsyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles any message no earlier handler took (except <see cref="Cancel"/>).</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<object>(handler, static m => m is not Cancel));
    }

    /// <summary>Handles any message no earlier handler took (except <see cref="Cancel"/>), asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new AsyncHandler<object>(handler, static m => m is not Cancel));
    }

    /// <summary>Replaces all handlers with the ones <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _handlers = [];
        _count = 0;
        configure();
    }

    private void Add(Handler handler)
    {
        if (_count == _handlers.Length) Array.Resize(ref _handlers, Math.Max(2, _count * 2));
        _handlers[_count++] = handler;
    }

    internal sealed override Task? Dispatch(object message)
    {
        // Become inside a handler swaps the array; the loop keeps the one it started with.
        var handlers = _handlers;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            if (handlers[i].TryHandle(this, message, out var task)) return task;
        }
        InvokeUnhandled(message);
        return null;
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(ReceiveActor actor, object message, out Task? task);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(ReceiveActor actor, object message, out Task? task)
        {
            task = null;
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        }
    }

    private sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(ReceiveActor actor, object message, out Task? task)
        {
            task = null;
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            task = actor.RunAsyncHandler(handler, typed);
            return true;
        }
    }
}
