using Akka.Actor;

namespace ActorShutdown.TestKit;

/// <summary>
/// Blocks its thread on the first message it gets until <see cref="Chaos.Release"/>, then swallows every message.
/// A plain <see cref="ReceiveActor"/> with a catch-all, so a <see cref="Cancel"/> arriving first blocks it too.
/// </summary>
internal sealed class BlockingActor : ReceiveActor
{
    private bool _blocked;

    public BlockingActor() => ReceiveAny(_ =>
    {
        if (_blocked) return;
        _blocked = true;
        var work = SystemWork.Of(Context.System);
        work.Blocking();
        try
        {
            BlockGates.Of(Context.System).Gate(Self).Wait();
        }
        finally
        {
            work.Unblocked();
        }
    });
}
