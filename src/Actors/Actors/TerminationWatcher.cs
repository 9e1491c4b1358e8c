namespace ActorShutdown;

/// <summary>A watcher that is a task, not an actor: completes with true when the watched actor terminates.</summary>
internal sealed class TerminationWatcher : IInternalActorRef
{
    private readonly TaskCompletionSource<bool> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IInternalActorRef _subject;
    private ActorPath? _path;

    private TerminationWatcher(IInternalActorRef subject)
    {
        _subject = subject;
        System = subject.System;
    }

    /// <summary>Starts watching <paramref name="subject"/>.</summary>
    public static TerminationWatcher Start(IInternalActorRef subject)
    {
        var watcher = new TerminationWatcher(subject);
        subject.SendSystemMessage(new Watch(watcher));
        return watcher;
    }

    /// <summary>True once the subject has terminated; false when the wait was cancelled first (the watch is then removed).</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _terminated.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _subject.SendSystemMessage(new Unwatch(this));
            return _terminated.Task.IsCompletedSuccessfully;
        }
    }

    public ActorPath Path => _path ??= System.NextTempPath();

    public ActorSystem System { get; }

    public IInternalActorRef Canonical => this;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification) _terminated.TrySetResult(true);
    }

    public void Stop() { }

    public void RequestCancel(ShutdownReason reason) { }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
}
