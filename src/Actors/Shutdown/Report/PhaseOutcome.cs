namespace ActorShutdown;

/// <summary>What happened in one <see cref="CoordinatedShutdown"/> phase.</summary>
/// <param name="Name">The phase name.</param>
/// <param name="Duration">How long the phase took.</param>
/// <param name="TimedOut">Whether it timed out, or was cut short because the shutdown deadline left it no time.</param>
/// <param name="Tasks">Its tasks, in the order they were added.</param>
public sealed record PhaseOutcome(string Name, TimeSpan Duration, bool TimedOut, IReadOnlyList<TaskOutcome> Tasks);
