using ActorShutdown.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using ActorShutdown.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests;

/// <summary>
/// The Akka.Cluster.Hosting variant: a region declared with <c>WithCancellableShardRegion</c> next to
/// <c>WithShutdownGuardian</c>, on a one-node cluster that leaves when the host stops.
/// </summary>
public sealed class HostingTests(ITestOutputHelper output) : ClusterTest(output)
{
    [Fact]
    public async Task A_region_from_Hosting_gets_its_entities_cancelled_when_the_host_stops_and_keeps_the_options_stop_message_for_off()
    {
        var world = new World();
        var options = new ShardOptions { HandOffStopMessage = "stop" };
        using var host = new HostBuilder().ConfigureServices(services => services.AddAkka("cluster", builder => builder
            .AddHocon(ClusterConfig.Node(), HoconAddMode.Prepend)
            .WithShutdownGuardian()
            .WithCancellableShardRegion<Counter>(ClusterNode.TypeName, id => Props.Create(() => new Counter(id, world, "node1", false)), new CounterExtractor(), options)))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var region = await host.Services.GetRequiredService<IRequiredActor<Counter>>().GetAsync();
        var up = new TaskCompletionSource();
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(Guard);
        foreach (var id in new[] { "a", "b" }) await Delivery.Deliver(region, new Add(id, $"{id}-0", Hold: false));

        await host.StopAsync().WaitAsync(Guard);
        var report = await ShutdownGuardian.Get(system).Report.WaitAsync(Guard);
        Output?.WriteLine(report.ToString());

        Assert.True(report.Clean, report.ToString());
        var entities = report.Actors.Where(a => a.Path.StartsWith($"/system/sharding/{ClusterNode.TypeName}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["a", "b"], entities.Select(a => a.Path.Split('/')[^1]).Order());
        Assert.All(entities, a => Assert.Equal((ActorFate.Stopped, 1), (a.Fate, a.CancelAttempts)));
        Assert.Contains(new World.Entry("a", "node1", "cancel 1"), world.Log);
        // The options carry the hand-off message that stands for Cancel; the one they had is kept for cancel-sharded-entities = off.
        Assert.Equal("stop", Assert.IsType<HandOffCancel>(options.HandOffStopMessage).StopMessage);
    }
}
