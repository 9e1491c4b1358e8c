namespace ActorShutdown.Coordination;

/// <summary>
/// Told to an actor tied to a lease by <see cref="LeaseShutdownExtensions.ReleaseOnStop"/> when the lease is lost
/// (another owner took it, or no heartbeat succeeded in time): from then on the actor does not hold it. An actor
/// that does not handle it lets it go to dead letters.
/// </summary>
/// <param name="Lease">The lease that was lost.</param>
/// <param name="Reason">Why, when known.</param>
public sealed record LeaseLost(Lease Lease, Exception? Reason);
