using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Sdk;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// Where the test actors report: an <see cref="IActorRef"/> that is not an actor, and keeps every message the moment
/// it is told, with the probe's expectations over them. A TestKit probe is an actor under /system: when a shutdown
/// ends the system right after an actor's last report, the probe can be stopped with that report still in its
/// mailbox (system messages overtake ordinary ones), and the report is lost. A recorder cannot lose one.
/// </summary>
public sealed class Recorder : IActorRef
{
    private static int s_count;
    private readonly ConcurrentQueue<object> _messages = new();
    private readonly SemaphoreSlim _available = new(0);

    public Recorder() => Path = ActorPath.Root.Child("recorders").Child($"r{Interlocked.Increment(ref s_count)}");

    /// <summary>How long an expectation waits (real time) by default: a hang guard, never a measurement.</summary>
    public static TimeSpan DefaultWait { get; } = GuardianTestKit.Guard;

    public ActorPath Path { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Enqueue(message);
        _available.Release();
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    /// <summary>The next message, which must be a <typeparamref name="T"/> (matching <paramref name="isMatch"/>).</summary>
    /// <exception cref="XunitException">None came in time, or it did not match.</exception>
    public T ExpectMsg<T>(Predicate<T>? isMatch = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultWait;
        var message = Take(wait) ?? throw new XunitException($"Expected a {typeof(T).Name} within {wait}, but no message came.");
        if (message is not T typed || (isMatch is not null && !isMatch(typed)))
            throw new XunitException($"Expected a {typeof(T).Name}{(isMatch is null ? "" : " matching the predicate")}, but got {message} ({message.GetType().Name}).");
        return typed;
    }

    /// <summary>Takes messages until one is a <typeparamref name="T"/> matching <paramref name="isMatch"/>; the others are dropped.</summary>
    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var message = Take(wait - clock.Elapsed) ?? throw new XunitException($"Expected a {typeof(T).Name} matching the predicate within {wait}, but none came.");
            if (message is T typed && isMatch(typed)) return typed;
        }
    }

    /// <summary>The next <paramref name="count"/> messages.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            messages.Add(Take(wait - clock.Elapsed)
                ?? throw new XunitException($"Expected {count} messages within {wait}, but only {messages.Count} came: [{string.Join(", ", messages)}]"));
        }
        return messages;
    }

    /// <summary>Checks that no message comes for <paramref name="duration"/> (real time).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (Take(duration) is { } message) throw new XunitException($"Expected no message for {duration}, but got {message} ({message.GetType().Name}).");
    }

    private object? Take(TimeSpan timeout) =>
        _available.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout) && _messages.TryDequeue(out var message) ? message : null;

    public override string ToString() => $"Recorder[{Path}]";
}
