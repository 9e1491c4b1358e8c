namespace ActorShutdown;

/// <summary>
/// A lease released because the actor it was tied to stopped during a shutdown (see
/// <c>ShutdownGuardian.ReleaseOnStop</c> in <c>ActorShutdown.Coordination</c>).
/// </summary>
/// <param name="LeaseName">The lease's name.</param>
/// <param name="Owner">The owner that held it.</param>
/// <param name="ActorPath">The path of the actor it was tied to.</param>
/// <param name="ReleasedAfter">When the release ended, counted from the start of <see cref="CoordinatedShutdown.Run"/>.</param>
/// <param name="Released">True when the store confirmed the release; false when the owner no longer held the lease (it had been lost, or never acquired).</param>
/// <param name="Failure">Why the release failed (for example a timeout), or null; the lease then expires by itself after its heartbeat timeout.</param>
public sealed record LeaseRelease(string LeaseName, string Owner, string ActorPath, TimeSpan ReleasedAfter, bool Released, Exception? Failure);
