using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// How much of one actor system's work is under way: mailbox runs queued or running on its dispatchers (counted by
/// <see cref="CountingExecutorConfigurator"/>), less those blocked on purpose by <see cref="Chaos.BlocksThread"/>.
/// Zero means no actor of the system can make progress until a message, a timer or a blocked thread moves it.
/// </summary>
internal sealed class SystemWork
{
    private static readonly ConditionalWeakTable<ActorSystem, SystemWork> Systems = new();

    private int _runs;
    private int _blocked;
    private long _ended;

    /// <summary>The counters of <paramref name="system"/>.</summary>
    public static SystemWork Of(ActorSystem system) => Systems.GetOrCreateValue(system);

    /// <summary>Mailbox runs queued or running, not counting those blocked by a chaos actor.</summary>
    public int Busy => Volatile.Read(ref _runs) - Volatile.Read(ref _blocked);

    /// <summary>Mailbox runs ended so far: while it grows, the system's actors are making progress.</summary>
    public long Ended => Interlocked.Read(ref _ended);

    /// <summary>Mailbox runs blocked now by a chaos actor.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    /// <summary>Whether any mailbox run of the system went through the counting executor (it is configured).</summary>
    public bool Counted { get; private set; }

    /// <summary>A mailbox run was queued.</summary>
    public void RunQueued()
    {
        Counted = true;
        Interlocked.Increment(ref _runs);
    }

    /// <summary>A mailbox run ended.</summary>
    public void RunEnded()
    {
        Interlocked.Increment(ref _ended);
        Interlocked.Decrement(ref _runs);
    }

    /// <summary>A chaos actor is about to block its thread.</summary>
    public void Blocking() => Interlocked.Increment(ref _blocked);

    /// <summary>A chaos actor's thread was released.</summary>
    public void Unblocked() => Interlocked.Decrement(ref _blocked);
}
