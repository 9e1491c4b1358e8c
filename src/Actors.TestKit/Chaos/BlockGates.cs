using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// The gate of each <see cref="BlockingActor"/>, by its ref: made by whichever comes first, the actor blocking or
/// the test releasing it, so a release before the actor's first message is not lost. A system's gates are opened
/// and forgotten when its kit is disposed.
/// </summary>
internal static class BlockGates
{
    private static readonly ConcurrentDictionary<IActorRef, ManualResetEventSlim> Gates = new();

    /// <summary>The gate of <paramref name="actor"/>.</summary>
    public static ManualResetEventSlim Of(IActorRef actor) => Gates.GetOrAdd(actor, static _ => new ManualResetEventSlim());

    /// <summary>Opens the gate of <paramref name="actor"/>.</summary>
    public static void Release(IActorRef actor) => Of(actor).Set();

    /// <summary>Opens and forgets the gates of <paramref name="system"/>'s actors.</summary>
    public static void ReleaseAll(ActorSystem system)
    {
        foreach (var (actor, gate) in Gates)
        {
            if (actor is not IInternalActorRef { Provider: var provider } || provider != ((ExtendedActorSystem)system).Provider) continue;
            gate.Set();
            Gates.TryRemove(actor, out _);
        }
    }
}
