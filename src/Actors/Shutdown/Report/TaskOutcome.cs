namespace ActorShutdown;

/// <summary>What happened to one task of a <see cref="CoordinatedShutdown"/> phase.</summary>
/// <param name="Name">The name it was added with.</param>
/// <param name="Duration">From the start of its phase to its end, or to the phase's timeout.</param>
/// <param name="Failure">What it threw, faulted or was cancelled with; null when it succeeded or timed out.</param>
/// <param name="TimedOut">Whether its phase timed out (or was cut short by the deadline) before it ended.</param>
public sealed record TaskOutcome(string Name, TimeSpan Duration, Exception? Failure, bool TimedOut);
