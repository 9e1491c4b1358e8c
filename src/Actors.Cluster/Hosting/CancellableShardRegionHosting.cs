using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorShutdown;

/// <summary>Akka.Cluster.Hosting's <c>WithShardRegion</c> for regions whose entities are cancelled when handed off.</summary>
public static class CancellableShardRegionHosting
{
    /// <summary>
    /// Akka.Cluster.Hosting's <c>WithShardRegion&lt;TKey&gt;</c> (the region goes to the registry under
    /// <typeparamref name="TKey"/>), with entities cancelled when handed off as
    /// <see cref="CancellableShardRegions.StartCancellableShardRegionAsync"/> describes. The options'
    /// <see cref="ShardOptions.HandOffStopMessage"/> is what entities get when <c>cancel-sharded-entities</c> is off;
    /// it is replaced in <paramref name="shardOptions"/>.
    /// </summary>
    /// <typeparam name="TKey">The registry key of the region.</typeparam>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="typeName">The entity type's name.</param>
    /// <param name="entityPropsFactory">The props of an entity by its id; they must not name a mailbox.</param>
    /// <param name="messageExtractor">Extracts entity and shard ids.</param>
    /// <param name="shardOptions">The region's options.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithCancellableShardRegion<TKey>(this AkkaConfigurationBuilder builder, string typeName,
        Func<string, Props> entityPropsFactory, IMessageExtractor messageExtractor, ShardOptions shardOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(shardOptions);
        ArgumentNullException.ThrowIfNull(entityPropsFactory);
        shardOptions.HandOffStopMessage = new HandOffCancel(shardOptions.HandOffStopMessage ?? PoisonPill.Instance);
        return builder.WithShardRegion<TKey>(typeName, (system, _) => ShardedEntities.Get(system).Register(typeName, entityPropsFactory),
            messageExtractor, shardOptions);
    }
}
