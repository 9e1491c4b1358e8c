using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>A test on an in-process cluster; the kit's own system only runs the probes and assertions.</summary>
public abstract class ClusterTest(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    // A failure guard only: cluster convergence and hand-offs run in real time.
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> nodes and waits until the coordinator knows every node's region.</summary>
    protected async Task<InProcessCluster> StartCluster(int count, World world, string extraConfig = "")
    {
        var cluster = await InProcessCluster.Start(count, world, extraConfig);
        await AwaitAssertAsync(async () => Assert.Equal(count, await cluster.RegionCount()), Guard);
        return cluster;
    }
}
