using Akka.Actor;
using Akka.Cluster;

namespace ActorShutdown.Samples.Cluster;

/// <summary>
/// Adds one to each of the counters once the whole cluster is up, so that their shards spread over every node. An
/// ordinary actor under /user: the guardian cancels it when the node shuts down.
/// </summary>
internal sealed class Client : ReceiveActor
{
    public const int Counters = 20;

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public Client(IActorRef counters, int clusterSize)
    {
        var up = new HashSet<Address>();
        Receive<ClusterEvent.MemberUp>(memberUp =>
        {
            // Counted from the events themselves: the cluster's State is updated apart from them, and may lag.
            if (!up.Add(memberUp.Member.Address) || up.Count != clusterSize) return;
            for (var i = 0; i < Counters; i++) counters.Tell(new Add($"c{i}"));
            Console.WriteLine("sent");
        });
        Receive<Cancel>(_ => Context.Stop(Self));
    }

    protected override void PreStart() => _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
