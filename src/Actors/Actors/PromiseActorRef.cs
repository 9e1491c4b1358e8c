namespace ActorShutdown;

/// <summary>The temporary sender of an <c>Ask</c>: the first reply completes the task; a timer from the system clock bounds the wait.</summary>
internal sealed class PromiseActorRef<T> : IInternalActorRef
{
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly ITimer? _timer;
    private readonly CancellationTokenRegistration _registration;
    private readonly TimeSpan _timeout;
    private ActorPath? _path;

    public PromiseActorRef(ActorSystem system, IActorRef target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        System = system;
        _target = target;
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
            _timer = system.Time.CreateTimer(static s => ((PromiseActorRef<T>)s!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.Register(static (s, token) => ((PromiseActorRef<T>)s!).Complete(p => p.TrySetCanceled(token)), this);
    }

    public Task<T> Task => _promise.Task;

    public ActorPath Path => _path ??= System.NextTempPath();

    public ActorSystem System { get; }

    public IInternalActorRef Canonical => this;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            // Before "T reply": a failure faults the Ask even when T is object (unless the caller asked for the Failure itself).
            Status.Failure failure when typeof(T) != typeof(Status.Failure) => Complete(p => p.TrySetException(failure.Cause)),
            T reply => Complete(p => p.TrySetResult(reply)),
            Status.Success { Value: T value } => Complete(p => p.TrySetResult(value)),
            _ => Complete(p => p.TrySetException(new InvalidCastException(
                $"Ask<{typeof(T).Name}> to {_target.Path} got a reply of type {message.GetType().Name}."))),
        };
        if (!completed) System.DeadLetter(message, sender, this);
    }

    private void OnTimeout() => Complete(p => p.TrySetException(new AskTimeoutException(
        $"Ask<{typeof(T).Name}> to {_target.Path} had no reply within {_timeout}.")));

    private bool Complete(Func<TaskCompletionSource<T>, bool> complete)
    {
        // Disarm before completing: code that continues after the Ask must not find its timeout still armed (a test
        // waiting for ManualTime.ActiveTimers would count it). Disposing again on a late reply is harmless.
        _timer?.Dispose();
        _registration.Dispose();
        return complete(_promise);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: _promise.Task.IsCompleted));
    }

    public void Stop() { }

    public void RequestCancel(ShutdownReason reason) { }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
}
