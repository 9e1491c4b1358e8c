using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// The gates of one actor system's <see cref="BlockingActor"/>s, by actor: a gate is made by whichever comes first,
/// the actor blocking or the test releasing it, so a release before the actor's first message is not lost. Once
/// the system's kit has released them all (at teardown), every gate is born open.
/// </summary>
internal sealed class BlockGates
{
    private static readonly ConditionalWeakTable<ActorSystem, BlockGates> Systems = new();

    private readonly ConcurrentDictionary<IActorRef, ManualResetEventSlim> _gates = new();
    private volatile bool _allReleased;

    /// <summary>The gates of <paramref name="system"/>.</summary>
    public static BlockGates Of(ActorSystem system) => Systems.GetOrCreateValue(system);

    /// <summary>The gates of the system <paramref name="actor"/> lives in.</summary>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is not a local actor.</exception>
    public static BlockGates Of(IActorRef actor) => actor is ActorRefWithCell withCell
        ? Of(withCell.Underlying.System)
        : throw new ArgumentException($"{actor} is not a local actor made with {nameof(Chaos)}.{nameof(Chaos.BlocksThread)}", nameof(actor));

    /// <summary>The gate of <paramref name="actor"/>.</summary>
    public ManualResetEventSlim Gate(IActorRef actor)
    {
        var gate = _gates.GetOrAdd(actor, static _ => new ManualResetEventSlim());
        if (_allReleased) gate.Set();
        return gate;
    }

    /// <summary>Opens the gate of <paramref name="actor"/>.</summary>
    public void Release(IActorRef actor) => Gate(actor).Set();

    /// <summary>Opens every gate, now and to come.</summary>
    public void ReleaseAll()
    {
        _allReleased = true;
        foreach (var gate in _gates.Values) gate.Set();
    }
}
