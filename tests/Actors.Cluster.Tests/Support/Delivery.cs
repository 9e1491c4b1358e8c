using Akka.Actor;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>A client that sends an increment until it is acknowledged, as a client of a real service retries.</summary>
public static class Delivery
{
    // When to ask again: an entity interrupted mid-work never answers. A retry, never an assertion.
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    public static async Task<Ack> Deliver(IActorRef region, Add add)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await region.Ask<Ack>(add, Retry);
            }
            catch (AskTimeoutException) when (attempt < 30)
            {
            }
        }
    }
}
