using ActorShutdown.Cluster.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests;

/// <summary>Three nodes in one process; node 2 leaves gracefully while entities on it are processing (DESIGN §11).</summary>
public sealed class HandOffTests(ITestOutputHelper output) : ClusterTest(output)
{
    [Fact]
    public async Task A_leaving_node_cancels_its_entities_in_flight_hands_them_off_and_every_acknowledged_increment_survives()
    {
        var world = new World();
        await using var cluster = await StartCluster(3, world);
        var (node1, node2, node3) = (cluster[0], cluster[1], cluster[2]);
        var ids = Enumerable.Range(0, 30).Select(i => $"c{i}").ToList();
        var acked = new List<Ack>();

        // Three acknowledged increments per counter, sent through the nodes that stay.
        acked.AddRange(await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 3).Select(k =>
            Delivery.Deliver(k % 2 == 0 ? node1.Region : node3.Region, new Add(id, $"{id}-{k}", Hold: false))))));
        var onNode2 = world.LiveOn(node2.Name);
        Assert.NotEmpty(onNode2);

        // An ordinary actor and a shielded one under /user on node 2.
        node2.System.ActorOf(Props.Create(() => new Recorder(world, node2.Name)), "worker");
        node2.Guardian.Shield(node2.System.ActorOf(Props.Create(() => new Recorder(world, node2.Name)), "ledger"));

        // One more per counter whose work is in flight everywhere when node 2 leaves.
        var held = ids.Select(id => Delivery.Deliver(node1.Region, new Add(id, $"{id}-held", Hold: true))).ToList();
        AwaitCondition(() => ids.All(id => world.Log.Any(e => e.What == $"working {id}-held")), Guard);

        await CoordinatedShutdown.Get(node2.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Guard);
        var report = await node2.Guardian.Report.WaitAsync(Guard);
        Output?.WriteLine(report.ToString());
        world.OpenGate();
        var heldAcks = await Task.WhenAll(held).WaitAsync(Guard);
        acked.AddRange(heldAcks);

        Assert.True(report.Clean, report.ToString());
        Assert.Equal(0, report.ExitCode);
        Assert.IsType<CoordinatedShutdown.ClusterLeavingReason>(report.Reason);

        // The report lists node 2's entities, each cancelled and stopped at its first request.
        var entities = report.Actors.Where(a => a.Path.StartsWith($"/system/sharding/{ClusterNode.TypeName}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(onNode2.Order(), entities.Select(a => a.Path.Split('/')[^1]).Order());
        Assert.All(entities, a => Assert.Equal((ActorFate.Stopped, 1), (a.Fate, a.CancelAttempts)));

        // The guardian's phases ran before the hand-off, which completed: the worker was cancelled and the shielded
        // ledger drained (never cancelled) before the first entity got its cancel request.
        var log = world.Log.ToList();
        var firstEntityCancel = log.FindIndex(e => e.Node == node2.Name && onNode2.Contains(e.EntityId) && e.What == "cancel 1");
        Assert.InRange(log.IndexOf(new World.Entry("worker", node2.Name, "cancel 1")), 0, firstEntityCancel - 1);
        Assert.InRange(log.IndexOf(new World.Entry("ledger", node2.Name, World.Stopped)), 0, firstEntityCancel - 1);
        Assert.DoesNotContain(log, e => e.EntityId == "ledger" && e.What.StartsWith("cancel", StringComparison.Ordinal));
        Assert.Equal((ActorFate.Stopped, ActorFate.Drained), (report.Actors.Single(a => a.Path == "/user/worker").Fate, report.Actors.Single(a => a.Path == "/user/ledger").Fate));
        var handOff = report.Phases.Single(p => p.Name == "cluster-sharding-shutdown-region").Tasks.Single(t => t.Name == "shutdown-guardian-hand-off");
        Assert.Equal((null, false), (handOff.Failure, handOff.TimedOut));

        // Work in flight on node 2 was interrupted by the token there, and done by the entity's next incarnation elsewhere.
        foreach (var id in onNode2)
        {
            Assert.Contains(new World.Entry(id, node2.Name, $"interrupted {id}-held"), world.Log);
            Assert.Contains(new World.Entry(id, node2.Name, "cancel 1"), world.Log);
            Assert.NotEqual(node2.Name, heldAcks.Single(a => a.RequestId == $"{id}-held").Node);
        }

        // Every acknowledged increment is in its counter, read from where the counters live now.
        foreach (var id in ids)
        {
            var value = await node1.Region.Ask<CounterValue>(new GetValue(id), Guard);
            Assert.Equal(acked.Where(a => a.RequestId.StartsWith($"{id}-", StringComparison.Ordinal)).Select(a => a.RequestId).Order(), value.RequestIds.Order());
        }

        // No entity ever had two live instances, on any node.
        Assert.Equal(1, world.MostLiveInstances());
    }
}
