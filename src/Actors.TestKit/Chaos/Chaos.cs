using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>Misbehaving actors to put in shutdown tests: each resists or fails its cancellation in one way.</summary>
public static class Chaos
{
    /// <summary>Handles every <see cref="Cancel"/> and carries on: only escalation (or abandonment) ends it.</summary>
    public static Props IgnoresCancel() => Props.Create(() => new SwallowingActor(int.MaxValue));

    /// <summary>Resists the first <paramref name="count"/> cancel requests and stops on the next.</summary>
    /// <param name="count">How many attempts it swallows; 0 stops on the first.</param>
    public static Props SwallowsCancels(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Props.Create(() => new SwallowingActor(count));
    }

    /// <summary>
    /// On a <see cref="Cancel"/>, cleans up for <paramref name="cleanup"/> on <paramref name="time"/>, awaiting with
    /// its (fresh) <c>Context.CancellationToken</c>, then stops; the next cancel request cuts the cleanup short, and
    /// it stops then.
    /// </summary>
    /// <param name="cleanup">How long the cleanup takes.</param>
    /// <param name="time">The clock it waits on: <see cref="ShutdownTestKit.Time"/> in a test.</param>
    public static Props SlowCleanup(TimeSpan cleanup, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cleanup, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        return Props.Create(() => new SlowCleanupActor(cleanup, time));
    }

    /// <summary>
    /// Stops on a <see cref="Cancel"/>, and its cleanup (<c>PostStop</c>) throws an
    /// <see cref="InvalidOperationException"/>: it stops all the same.
    /// </summary>
    public static Props ThrowsInCleanup() => Props.Create(() => new ThrowingCleanupActor());

    /// <summary>
    /// Blocks its thread (a thread-pool thread) on the first message it gets, a <see cref="Cancel"/> included, until
    /// <see cref="Release"/>: the actor stuck for good, which no cancel request, <c>Stop</c> or <c>Kill</c> reaches.
    /// Afterwards it swallows every message. A <see cref="ShutdownTestKit"/> releases the ones left when it is disposed.
    /// </summary>
    public static Props BlocksThread() => Props.Create(() => new BlockingActor());

    /// <summary>
    /// Releases the thread of an actor made with <see cref="BlocksThread"/>; released before it blocks, it never does.
    /// </summary>
    /// <param name="blocked">The actor.</param>
    public static void Release(IActorRef blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        BlockGates.Of(blocked).Release(blocked);
    }
}
