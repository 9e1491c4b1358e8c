using ActorShutdown.Configuration;
using System.Diagnostics;
using Xunit.Sdk;

namespace ActorShutdown.TestKit;

/// <summary>
/// A ref a test controls: it records what it receives and lets the test expect messages with timeouts.
/// Its path is under <c>/system</c> and it is not an actor of <c>/user</c>, so the shutdown guardian never cancels
/// it. It records on the sender's thread rather than through a mailbox, so everything sent to it before the system
/// terminated stays readable afterwards. Timeouts are real time (<c>actors.test.single-expect-default</c>
/// scaled by <c>actors.test.timefactor</c> when none is given), even when the system runs on <see cref="ManualTime"/>.
/// </summary>
public sealed class TestProbe : IActorRef, IInternalActorRef
{
    private readonly ProbeQueue _queue;
    private readonly ProbeRef _actor;
    private readonly TestKitSettings _settings;

    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
    {
        _settings = settings;
        _queue = new ProbeQueue();
        ActorNames.Validate(name, system.SystemGuardian.Path);
        _actor = new ProbeRef(system, system.SystemGuardian.Path.Child(name), _queue);
        LastSender = system.DeadLetters;
    }

    /// <summary>The probe's ref; send to it, or pass it as a sender.</summary>
    public IActorRef Ref => _actor;

    /// <summary>The sender of the message taken last (dead letters before any).</summary>
    public IActorRef LastSender { get; private set; }

    /// <inheritdoc />
    public ActorPath Path => _actor.Path;

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender = null) => _actor.Tell(message, sender);

    /// <summary>Takes the next message and checks that it is a <typeparamref name="T"/>.</summary>
    /// <exception cref="XunitException">No message arrived in time, or it was of another type.</exception>
    public T ExpectMsg<T>(TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        return Expect(Take(wait), static (T _) => true, $"a message of type {typeof(T).Name}", wait);
    }

    /// <summary>Takes the next message and checks that it is a <typeparamref name="T"/> matching <paramref name="isMatch"/>.</summary>
    /// <exception cref="XunitException">No message arrived in time, or it did not match.</exception>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        return Expect(Take(wait), isMatch, $"a {typeof(T).Name} matching the predicate", wait);
    }

    /// <inheritdoc cref="ExpectMsg{T}(TimeSpan?)"/>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        return Expect(await _queue.TakeAsync(wait).ConfigureAwait(false), static (T _) => true, $"a message of type {typeof(T).Name}", wait);
    }

    /// <inheritdoc cref="ExpectMsg{T}(Predicate{T}, TimeSpan?)"/>
    public async Task<T> ExpectMsgAsync<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        return Expect(await _queue.TakeAsync(wait).ConfigureAwait(false), isMatch, $"a {typeof(T).Name} matching the predicate", wait);
    }

    /// <summary>Waits <paramref name="duration"/> (real time) and checks that no message arrived.</summary>
    /// <exception cref="XunitException">A message arrived.</exception>
    public void ExpectNoMsg(TimeSpan duration) => ExpectNone(Take(duration), duration);

    /// <inheritdoc cref="ExpectNoMsg(TimeSpan)"/>
    public async Task ExpectNoMsgAsync(TimeSpan duration) => ExpectNone(await _queue.TakeAsync(duration).ConfigureAwait(false), duration);

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var wait = Dilate(timeout);
        return Expect<Terminated>(Take(wait), t => t.ActorRef.Equals(target), $"the Terminated of {target.Path}", wait);
    }

    /// <inheritdoc cref="ExpectTerminated(IActorRef, TimeSpan?)"/>
    public async Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var wait = Dilate(timeout);
        return Expect<Terminated>(await _queue.TakeAsync(wait).ConfigureAwait(false), t => t.ActorRef.Equals(target), $"the Terminated of {target.Path}", wait);
    }

    /// <summary>Takes messages until one is a <typeparamref name="T"/> matching <paramref name="isMatch"/>; the others are dropped.</summary>
    /// <exception cref="XunitException">None matched within the timeout.</exception>
    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        var clock = Stopwatch.StartNew();
        var skipped = new List<Received>();
        while (true)
        {
            if (Fish(Take(wait - clock.Elapsed), isMatch, wait, skipped, out var found)) return found;
        }
    }

    /// <inheritdoc cref="FishForMessage{T}(Predicate{T}, TimeSpan?)"/>
    public async Task<T> FishForMessageAsync<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        var wait = Dilate(timeout);
        var clock = Stopwatch.StartNew();
        var skipped = new List<Received>();
        while (true)
        {
            if (Fish(await _queue.TakeAsync(wait - clock.Elapsed).ConfigureAwait(false), isMatch, wait, skipped, out var found)) return found;
        }
    }

    /// <summary>Takes exactly <paramref name="count"/> messages, all within the timeout.</summary>
    /// <exception cref="XunitException">Fewer arrived in time.</exception>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var wait = Dilate(timeout);
        var clock = Stopwatch.StartNew();
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var next = Take(wait - clock.Elapsed)
                ?? throw new XunitException($"Expected {count} messages within {wait}, but only {messages.Count} arrived: [{string.Join(", ", messages)}]");
            messages.Add(next.Message);
        }
        return messages;
    }

    /// <summary>
    /// Makes the probe receive <see cref="Terminated"/> when <paramref name="target"/> terminates. The watch is in
    /// place when this returns: a target stopped afterwards gives <c>ExistenceConfirmed = true</c>.
    /// </summary>
    public void Watch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _actor.Watch(target);
    }

    /// <summary>Stops watching <paramref name="target"/>: no Terminated for it arrives after this returns (one already received stays).</summary>
    public void Unwatch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _actor.Unwatch(target);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, _actor);
    }

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, _actor);

    /// <summary>Runs <paramref name="assertion"/> until it stops throwing, every <paramref name="interval"/> (default 50 ms).</summary>
    /// <exception cref="XunitException">It still threw when the timeout passed (the last failure is the inner exception).</exception>
    public void AwaitAssert(Action assertion, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var wait = Dilate(timeout);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (clock.Elapsed < wait)
            {
                Thread.Sleep(pause);   // the polling interval of AwaitAssert itself
            }
            catch (Exception ex)
            {
                throw new XunitException($"Assertion still failing after {wait}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    /// <exception cref="XunitException">It did not hold within the timeout.</exception>
    public void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        AwaitAssert(() =>
        {
            if (!condition()) throw new XunitException("the condition was false");
        }, timeout);
    }

    /// <inheritdoc />
    public bool Equals(IActorRef? other) => _actor.Equals(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _actor.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"TestProbe[{Path}]";

    ActorSystem IInternalActorRef.System => _actor.System;

    IInternalActorRef IInternalActorRef.Canonical => _actor;

    void IInternalActorRef.SendSystemMessage(SystemMessage message) => _actor.SendSystemMessage(message);

    void IInternalActorRef.Stop() => _actor.Stop();

    void IInternalActorRef.RequestCancel(ShutdownReason reason) => _actor.RequestCancel(reason);

    internal TimeSpan Dilate(TimeSpan? timeout) => timeout ?? _settings.SingleExpectDefault * _settings.TimeFactor;

    private Received? Take(TimeSpan timeout) => _queue.TryTake(timeout, out var item) ? item : null;

    /// <summary>Checks one received message against an expectation described as <paramref name="expected"/>.</summary>
    private T Expect<T>(Received? received, Predicate<T> isMatch, string expected, TimeSpan wait)
    {
        if (received is not { } r) throw new XunitException($"Expected {expected} within {wait}, but no message arrived.");
        LastSender = r.Sender;
        if (r.Message is not T typed || !isMatch(typed))
            throw new XunitException($"Expected {expected} within {wait}, but got {Describe(r)}.");
        return typed;
    }

    private void ExpectNone(Received? received, TimeSpan duration)
    {
        if (received is not { } r) return;
        LastSender = r.Sender;
        throw new XunitException($"Expected no message for {duration}, but got {Describe(r)}.");
    }

    /// <summary>One step of fishing: true with the match, false when <paramref name="received"/> was skipped (and added to <paramref name="skipped"/>).</summary>
    private bool Fish<T>(Received? received, Predicate<T> isMatch, TimeSpan wait, List<Received> skipped, out T found)
    {
        if (received is not { } r)
        {
            throw new XunitException(skipped.Count == 0
                ? $"Expected a {typeof(T).Name} matching the predicate within {wait}, but no message arrived."
                : $"Expected a {typeof(T).Name} matching the predicate within {wait}, but none of the {skipped.Count} that arrived matched: [{string.Join("; ", skipped.Select(Describe))}].");
        }
        LastSender = r.Sender;
        if (r.Message is T typed && isMatch(typed))
        {
            found = typed;
            return true;
        }
        skipped.Add(r);
        found = default!;
        return false;
    }

    private static string Describe(Received r) => $"{r.Message} ({r.Message.GetType().Name}) from {r.Sender.Path}";
}
