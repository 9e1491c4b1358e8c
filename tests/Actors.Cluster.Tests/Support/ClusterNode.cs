using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>One node of an in-process cluster: its actor system (guardian loaded) and its counter region.</summary>
public sealed class ClusterNode
{
    public const string TypeName = "counter";

    private ClusterNode(string name, ActorSystem system, IActorRef region)
    {
        Name = name;
        System = system;
        Region = region;
    }

    public string Name { get; }

    public ActorSystem System { get; }

    public IActorRef Region { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    public ShutdownGuardian Guardian => ShutdownGuardian.Get(System);

    /// <summary>Starts a node with the counter region (entities whose id starts with "resist" ignore Cancel).</summary>
    public static async Task<ClusterNode> Start(string name, Config config, World world)
    {
        var system = ActorSystem.Create("cluster", config);
        ShutdownGuardian.Get(system);
        var region = await system.StartCancellableShardRegionAsync(TypeName,
            id => Props.Create(() => new Counter(id, world, name, id.StartsWith("resist", StringComparison.Ordinal))), new CounterExtractor());
        return new ClusterNode(name, system, region);
    }

    /// <summary>Joins the cluster at <paramref name="seed"/>; completes when this node is up.</summary>
    public Task Join(Akka.Actor.Address seed)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        Cluster.Join(seed);
        return up.Task;
    }
}
