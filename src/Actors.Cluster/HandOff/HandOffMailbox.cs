using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorShutdown;

/// <summary>The mailbox type of the entities started through ActorShutdown (<see cref="ShardedEntities.MailboxId"/>).</summary>
internal sealed class HandOffMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<HandOffMessageQueue>
{
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new HandOffMessageQueue(owner, ShardedEntities.Get(system));
}
