using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorShutdown;

/// <summary>
/// An unbounded deque-based mailbox, for <see cref="CancellableReceiveActor"/>, <see cref="CancellableUntypedActor"/>
/// and Akka's stash alike, that is as fast as Akka's default mailbox when nothing was put back at the front. Akka's own
/// (<c>unbounded-deque-based</c>) answers "has messages?" by counting its concurrent queue, which spins while another
/// actor enqueues: a ping-pong with 100 balls in flight ran at a third of the default mailbox's rate. Select it with
/// <c>akka.actor.mailbox.unbounded-deque-based.mailbox-type = "ActorShutdown.DequeMailbox, ActorShutdown"</c> in the
/// system's configuration (<c>WithShutdownGuardian</c> does).
/// </summary>
internal sealed class DequeMailbox : MailboxType, IProducesMessageQueue<DequeMailbox.Deque>
{
    /// <summary>Its name for <c>mailbox-type</c>.</summary>
    public const string TypeName = "ActorShutdown.DequeMailbox, ActorShutdown";

    /// <summary>The constructor Akka calls with the mailbox's settings (there are none).</summary>
    /// <param name="settings">The system's settings.</param>
    /// <param name="config">The mailbox's section.</param>
    public DequeMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new Deque();

    /// <summary>
    /// Akka's unbounded queue with a stack in front for the messages put back first (only the owning actor touches
    /// it). Whether it has messages is the stack's count and the queue's emptiness, never the queue's count.
    /// </summary>
    internal sealed class Deque : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
    {
        private readonly UnboundedMessageQueue _queue = new();
        private readonly Stack<Envelope> _front = new();

        /// <inheritdoc />
        public bool HasMessages => _front.Count > 0 || _queue.HasMessages;

        /// <inheritdoc />
        public int Count => _queue.Count + _front.Count;

        /// <inheritdoc />
        public void Enqueue(IActorRef receiver, Envelope envelope) => _queue.Enqueue(receiver, envelope);

        /// <inheritdoc />
        public bool TryDequeue(out Envelope envelope) => _front.TryPop(out envelope) || _queue.TryDequeue(out envelope);

        /// <inheritdoc />
        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
        }

        /// <inheritdoc />
        public void EnqueueFirst(Envelope envelope) => _front.Push(envelope);
    }
}
