namespace ActorShutdown;

/// <summary>Request-reply, stopping and watching from outside an actor, and cancel requests.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> and waits for one reply of type <typeparamref name="T"/>. A
    /// <see cref="Status.Failure"/> reply faults the task with its cause; no reply within
    /// <paramref name="timeout"/> (default <c>actors.ask-timeout</c>) faults it with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var resolved = ActorSystem.Resolve(target);
        ArgumentNullException.ThrowIfNull(message);
        var wait = timeout ?? resolved.System.Settings.AskTimeout;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "An Ask timeout must be positive or Timeout.InfiniteTimeSpan.");
        var promise = new PromiseActorRef<T>(resolved.System, target, wait, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and waits for the actor to stop:
    /// true when it stopped (or was already dead), false when <paramref name="timeout"/> passed first. Never throws for those.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        var resolved = ActorSystem.Resolve(target);
        var watcher = TerminationWatcher.Start(resolved);
        target.Tell(stopMessage ?? PoisonPill.Instance, null);
        using var deadline = new CancellationTokenSource(timeout, resolved.System.Time);
        return await watcher.WaitAsync(deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Completes with true when the actor terminates (at once if it is already dead); false if cancelled first.</summary>
    public static Task<bool> WatchAsync(this IActorRef target, CancellationToken cancellationToken = default) =>
        TerminationWatcher.Start(ActorSystem.Resolve(target)).WaitAsync(cancellationToken);

    /// <summary>
    /// A cancel request: trips the actor's <see cref="IActorContext.CancellationToken"/> at once and delivers
    /// <see cref="ActorShutdown.Cancel"/> ahead of its queued messages. Ignored by an actor that is already stopping.
    /// </summary>
    public static void Cancel(this IActorRef target, ShutdownReason? reason = null) =>
        ActorSystem.Resolve(target).RequestCancel(reason ?? ShutdownReason.Unknown);
}
