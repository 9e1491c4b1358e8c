using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorShutdown;

/// <summary>Starting shard regions whose entities are cancelled when they are handed off (DESIGN §11).</summary>
public static class CancellableShardRegions
{
    /// <summary>
    /// Starts a shard region like Akka's <see cref="ClusterSharding.StartAsync(string, Func{string, Props}, ClusterShardingSettings, IMessageExtractor, IShardAllocationStrategy, object)"/>
    /// with the default allocation strategy. With <c>akka.shutdown-guardian.cancel-sharded-entities = on</c>, an entity
    /// handed off (or passivated by its shard) gets a cancel request as its hand-off stop message: its token is tripped
    /// at once and it gets <see cref="Cancel"/>; while the node shuts down, the guardian re-sends and escalates as for
    /// the actors under <c>/user</c>, and the report lists the entity. With it off, entities get
    /// <paramref name="handOffStopMessage"/>.
    /// </summary>
    /// <param name="system">The actor system, a cluster node.</param>
    /// <param name="typeName">The entity type's name.</param>
    /// <param name="entityPropsFactory">The props of an entity by its id; they must not name a mailbox (the entities get their own).</param>
    /// <param name="messageExtractor">Extracts entity and shard ids.</param>
    /// <param name="settings">The region's settings; the system's by default.</param>
    /// <param name="handOffStopMessage">The stop message when cancel-sharded-entities is off; <see cref="PoisonPill"/> by default.</param>
    /// <returns>The region.</returns>
    public static Task<IActorRef> StartCancellableShardRegionAsync(this ActorSystem system, string typeName, Func<string, Props> entityPropsFactory,
        IMessageExtractor messageExtractor, ClusterShardingSettings? settings = null, object? handOffStopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(entityPropsFactory);
        ArgumentNullException.ThrowIfNull(messageExtractor);
        var sharding = ClusterSharding.Get(system);
        settings ??= sharding.Settings;
        return sharding.StartAsync(typeName, ShardedEntities.Get(system).Register(typeName, entityPropsFactory), settings, messageExtractor,
            sharding.DefaultShardAllocationStrategy(settings), new HandOffCancel(handOffStopMessage ?? PoisonPill.Instance));
    }
}
