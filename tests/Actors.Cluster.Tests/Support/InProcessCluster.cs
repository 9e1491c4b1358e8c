using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>
/// Nodes on 127.0.0.1 in one process, the first the seed (and so the oldest: the sharding coordinator lives there).
/// Disposing terminates every node still running.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    // A failure guard only: cluster convergence runs in real time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private InProcessCluster(IReadOnlyList<ClusterNode> nodes) => Nodes = nodes;

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public ClusterNode this[int index] => Nodes[index];

    /// <summary>
    /// Starts the nodes one after the other, each up before the next joins, so that node 1 is the oldest (members that
    /// come up together are ordered by address).
    /// </summary>
    public static async Task<InProcessCluster> Start(int count, World world, string extraConfig = "")
    {
        var config = ClusterConfig.Node(extraConfig);
        var nodes = new List<ClusterNode>();
        for (var i = 1; i <= count; i++)
        {
            var node = await ClusterNode.Start($"node{i}", config, world);
            nodes.Add(node);
            await node.Join(nodes[0].Cluster.SelfAddress).WaitAsync(Guard);
        }
        return new InProcessCluster(nodes);
    }

    /// <summary>How many regions the sharding coordinator knows.</summary>
    public async Task<int> RegionCount() =>
        (await Nodes[0].Region.Ask<CurrentRegions>(GetCurrentRegions.Instance, Guard)).Regions.Count;

    /// <summary>The nodes leave one at a time, the seed last: each hands its shards to a coordinator still there.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.Reverse()) await node.System.Terminate().WaitAsync(Guard);
    }
}
