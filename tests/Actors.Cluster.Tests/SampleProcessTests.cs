using System.Text.Json;
using ActorShutdown.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests;

/// <summary>samples/Cluster as processes on 127.0.0.1: SIGTERM to the node holding the singleton, or a node downed (DESIGN §11).</summary>
public sealed class SampleProcessTests(ITestOutputHelper output) : ClusterTest(output), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorshutdown-cluster-").FullName;
    private readonly List<SampleNode> _nodes = [];

    private string EventsFile => Path.Combine(_dir, "events.txt");

    [Fact]
    public async Task SIGTERM_makes_a_node_hand_off_its_entities_and_exit_0_and_the_singleton_moves_only_after_its_lease_was_released()
    {
        var node1 = Start("node1", "--port", "0");
        AwaitCondition(() => node1.Port is not null, Guard);
        var seed = node1.Port!;
        // Node 2 is up before node 3 starts: it is the older of the two singleton nodes, and runs the singleton.
        var node2 = Start("node2", "--port", "0", "--seed", seed, "--singleton");
        AwaitCondition(() => node2.Lines.Contains("up"), Guard);
        var node3 = Start("node3", "--port", "0", "--seed", seed, "--singleton");
        AwaitCondition(() => Events().Contains("node2 singleton-started") && Events().Any(e => e.StartsWith("node2 entity-started ", StringComparison.Ordinal)), Guard);
        AwaitCondition(() => node1.Lines.Contains("sent") && node2.Lines.Contains("sent") && node3.Lines.Contains("sent"), Guard);

        node2.Terminate();
        await node2.WaitForExit(Guard);
        Assert.True(node2.ExitCode == 0, node2.Output);
        AwaitCondition(() => Events().Contains("node3 singleton-started"), Guard);

        // The singleton stopped on node 2 and its lease was released there before node 3 acquired it and started one.
        var events = Events();
        Output?.WriteLine(string.Join('\n', events));
        int At(string e) => events.IndexOf(e) is var i and >= 0 ? i : throw new Xunit.Sdk.XunitException($"no '{e}' in the events");
        Assert.True(At("node2 lease-released True") < At("node3 lease-acquired"));
        Assert.True(At("node2 singleton-stopped") < At("node3 singleton-started"));
        Assert.True(At("node3 lease-acquired") < At("node3 singleton-started"));

        // Node 2's entities were handed off, each cancelled once and stopped; its report lists them, clean.
        var onNode2 = events.Where(e => e.StartsWith("node2 entity-started ", StringComparison.Ordinal)).Select(e => e.Split(' ')[2]).ToList();
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "node2.json")));
        var root = report.RootElement;
        Assert.True(root.GetProperty("clean").GetBoolean());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        var entities = root.GetProperty("actors").EnumerateArray().Where(a => a.GetProperty("path").GetString()!.StartsWith("/system/sharding/counter/", StringComparison.Ordinal)).ToList();
        Assert.Equal(onNode2.Order(), entities.Select(a => a.GetProperty("path").GetString()!.Split('/')[^1]).Order());
        Assert.All(entities, a => Assert.Equal((1, "Stopped"), (a.GetProperty("cancelAttempts").GetInt32(), a.GetProperty("fate").GetString())));
        Assert.All(onNode2, id => Assert.Contains($"node2 entity-stopped {id}", events));
        var handOff = root.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "cluster-sharding-shutdown-region")
            .GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "shutdown-guardian-hand-off");
        Assert.Equal(JsonValueKind.Null, handOff.GetProperty("failure").ValueKind);
    }

    [Fact]
    public async Task A_node_downed_by_another_exits_with_Akkas_downing_exit_code_and_an_unclean_report()
    {
        var node1 = Start("node1", "--port", "0");
        AwaitCondition(() => node1.Port is not null, Guard);
        var node2 = Start("node2", "--port", "0", "--seed", node1.Port!);
        AwaitCondition(() => node2.Lines.Contains("up") && node2.Port is not null, Guard);

        node1.Send($"down {node2.Port}");
        await node2.WaitForExit(Guard);

        Assert.True(node2.ExitCode == 3, node2.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "node2.json")));
        Assert.False(report.RootElement.GetProperty("clean").GetBoolean());
        Assert.Equal(3, report.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("ClusterDowningReason", report.RootElement.GetProperty("reason").GetString());
    }

    public new void Dispose()
    {
        // The nodes left stop one at a time, the seed last; a guard, not an assertion: the test is over.
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            try
            {
                node.Terminate();
                node.WaitForExit(Guard).Wait();
            }
            catch (Exception e) when (e is InvalidOperationException or AggregateException)
            {
                // Already gone, or stuck: Dispose kills it.
            }
            node.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
        base.Dispose();
    }

    private SampleNode Start(string name, params string[] args)
    {
        var node = SampleNode.Start(name, [.. args, "--lease-dir", Path.Combine(_dir, "leases"), "--events", EventsFile, "--report", Path.Combine(_dir, $"{name}.json")]);
        _nodes.Add(node);
        return node;
    }

    private List<string> Events()
    {
        try
        {
            return [.. File.ReadAllLines(EventsFile)];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
