namespace ActorShutdown;

/// <summary>One task of a phase.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Duration">How long it ran, or until its phase timed out when it did not complete.</param>
/// <param name="Failure">The exception it failed with (never an <see cref="AggregateException"/> wrapping one), or null.</param>
/// <param name="TimedOut">Whether its phase timed out (or the deadline passed) before it completed.</param>
public sealed record TaskOutcome(string Name, TimeSpan Duration, Exception? Failure, bool TimedOut);
