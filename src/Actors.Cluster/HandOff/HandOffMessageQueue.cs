using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorShutdown;

/// <summary>
/// A sharded entity's mailbox: Akka's unbounded deque (what persistent and cancellable actors require), which turns
/// the hand-off stop message into a cancel request the moment the shard sends it.
/// </summary>
/// <remarks>
/// The mailbox is the one place that sees the stop message when it is sent rather than when the entity gets to it:
/// an entity in the middle of an await does not read its mailbox, and its token must be tripped then.
/// </remarks>
internal sealed class HandOffMessageQueue(IActorRef owner, ShardedEntities entities) : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private readonly UnboundedDequeMessageQueue _queue = new();

    public bool HasMessages => _queue.HasMessages;

    public int Count => _queue.Count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        if (envelope.Message is HandOffCancel handOff)
        {
            if (entities.HandOff(owner)) return;
            envelope = new Envelope(handOff.StopMessage, envelope.Sender);
        }
        _queue.Enqueue(receiver, envelope);
    }

    public void EnqueueFirst(Envelope envelope) => _queue.EnqueueFirst(envelope);

    public bool TryDequeue(out Envelope envelope) => _queue.TryDequeue(out envelope);

    public void CleanUp(IActorRef owner, IMessageQueue deadletters) => _queue.CleanUp(owner, deadletters);
}
