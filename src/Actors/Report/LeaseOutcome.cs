namespace ActorShutdown;

/// <summary>A lease tied to the shutdown with <c>ReleaseOnShutdown</c>.</summary>
/// <param name="LeaseName">The lease's name.</param>
/// <param name="Owner">Its owner's name.</param>
/// <param name="Released">Whether it was released.</param>
/// <param name="Failure">Why releasing it failed, or null.</param>
public sealed record LeaseOutcome(string LeaseName, string Owner, bool Released, Exception? Failure);
