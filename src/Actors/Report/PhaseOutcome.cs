namespace ActorShutdown;

/// <summary>One phase of a coordinated shutdown run.</summary>
/// <param name="Name">The phase's name, such as <c>service-stop</c>.</param>
/// <param name="Duration">From its start until the next phase started (or the run ended), by the system's clock.</param>
/// <param name="TimedOut">Whether its timeout passed before its tasks completed, or the deadline cut it short.</param>
/// <param name="Tasks">The tasks added through the guardian (its own among them), in the order they were added.</param>
public sealed record PhaseOutcome(string Name, TimeSpan Duration, bool TimedOut, IReadOnlyList<TaskOutcome> Tasks);
