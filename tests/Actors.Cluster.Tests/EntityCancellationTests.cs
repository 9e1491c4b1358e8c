using ActorShutdown.Cluster.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests;

/// <summary>Nodes in one process; node 2 leaves or is downed (node 1 is the oldest: the sharding coordinator stays), or a shard passivates.</summary>
public sealed class EntityCancellationTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly string[] Resisting = [.. Enumerable.Range(0, 10).Select(i => $"resist{i}")];

    [Fact]
    public async Task An_entity_that_resists_gets_every_attempt_then_is_escalated_and_its_next_incarnation_works_elsewhere()
    {
        var world = new World();
        await using var cluster = await StartCluster(2, world);
        var (node1, node2) = (cluster[0], cluster[1]);
        foreach (var id in Resisting) await Delivery.Deliver(node1.Region, new Add(id, $"{id}-0", Hold: false));
        var onNode2 = world.LiveOn(node2.Name);
        Assert.NotEmpty(onNode2);

        await CoordinatedShutdown.Get(node2.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Guard);
        var report = await node2.Guardian.Report.WaitAsync(Guard);
        Output?.WriteLine(report.ToString());

        Assert.True(report.Clean, report.ToString());
        var entities = report.Actors.Where(a => a.Path.StartsWith("/system/sharding/", StringComparison.Ordinal)).ToList();
        Assert.Equal(onNode2.Order(), entities.Select(a => a.Path.Split('/')[^1]).Order());
        Assert.All(entities, a => Assert.Equal((ActorFate.Escalated, 3), (a.Fate, a.CancelAttempts)));
        foreach (var id in onNode2)
        {
            // Each attempt reached it, in order, before it stopped.
            var seen = world.Log.Where(e => e.EntityId == id && e.Node == node2.Name).Select(e => e.What).ToList();
            Assert.Equal(["cancel 1", "cancel 2", "cancel 3", World.Stopped], seen.SkipWhile(w => !w.StartsWith("cancel", StringComparison.Ordinal)));
            var value = await node1.Region.Ask<CounterValue>(new GetValue(id), Guard);
            Assert.Equal([$"{id}-0"], value.RequestIds);
        }
        Assert.Equal(1, world.MostLiveInstances());
    }

    [Fact]
    public async Task With_cancel_sharded_entities_off_entities_get_the_regions_own_stop_message_and_are_not_adopted()
    {
        var world = new World();
        await using var cluster = await StartCluster(2, world, "akka.shutdown-guardian.cancel-sharded-entities = off");
        var (node1, node2) = (cluster[0], cluster[1]);
        foreach (var id in Resisting) await Delivery.Deliver(node1.Region, new Add(id, $"{id}-0", Hold: false));
        var onNode2 = world.LiveOn(node2.Name);
        Assert.NotEmpty(onNode2);

        await CoordinatedShutdown.Get(node2.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Guard);
        var report = await node2.Guardian.Report.WaitAsync(Guard);

        // PoisonPill stopped them, resisting or not: none saw a Cancel, and the guardian did not take them.
        Assert.Empty(world.LiveOn(node2.Name));
        Assert.DoesNotContain(world.Log, e => e.What.StartsWith("cancel", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Actors, a => a.Path.StartsWith("/system/sharding/", StringComparison.Ordinal));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task A_downed_node_hands_nothing_off_and_ends_with_Akkas_downing_exit_code_and_an_unclean_report()
    {
        var world = new World();
        await using var cluster = await StartCluster(2, world);
        var (node1, node2) = (cluster[0], cluster[1]);
        foreach (var id in Resisting) await Delivery.Deliver(node1.Region, new Add(id, $"{id}-0", Hold: false));

        node1.Cluster.Down(node2.Cluster.SelfAddress);
        var report = await node2.Guardian.Report.WaitAsync(Guard);
        Output?.WriteLine(report.ToString());

        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(report.Reason);
        Assert.False(report.Clean);
        Assert.Equal(3, report.ExitCode);
        var handOff = report.Phases.Single(p => p.Name == "cluster-sharding-shutdown-region").Tasks.Single(t => t.Name == "shutdown-guardian-hand-off");
        Assert.IsType<InvalidOperationException>(handOff.Failure);
        Assert.DoesNotContain(world.Log, e => e.What.StartsWith("cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entity_its_shard_passivates_outside_a_shutdown_gets_one_cancel_request_and_is_not_adopted()
    {
        var world = new World();
        await using var cluster = await StartCluster(1, world, "akka.cluster.sharding.passivate-idle-entity-after = 1s");
        var node = cluster[0];
        await Delivery.Deliver(node.Region, new Add("idle", "idle-0", Hold: false));

        // Passivation uses the hand-off stop message: a cancel request, and the entity stops.
        AwaitCondition(() => world.Log.Contains(new World.Entry("idle", node.Name, World.Stopped)), Guard);
        Assert.Equal(["cancel 1", World.Stopped], world.Log.Where(e => e.EntityId == "idle").Select(e => e.What).Skip(1));

        await node.System.Terminate().WaitAsync(Guard);
        var report = await node.Guardian.Report.WaitAsync(Guard);
        Assert.DoesNotContain(report.Actors, a => a.Path.StartsWith("/system/sharding/", StringComparison.Ordinal));
    }
}
