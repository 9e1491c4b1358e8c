using Akka.Actor;

namespace ActorShutdown.Samples.Cluster;

/// <summary>The cluster singleton: one in the cluster at a time, under a lease; it records where it runs.</summary>
internal sealed class Ticker : ReceiveActor
{
    protected override void PreStart() => Events.Record("singleton-started");

    protected override void PostStop() => Events.Record("singleton-stopped");
}
