namespace ActorShutdown;

/// <summary>One phase of <c>actors.coordinated-shutdown.phases</c>, as read from config (not yet ordered or validated).</summary>
/// <param name="Name">The phase name.</param>
/// <param name="DependsOn">The phases that must run before it.</param>
/// <param name="Timeout">How long its tasks may take.</param>
/// <param name="Recover">Whether the run goes on after a failure or timeout in this phase.</param>
internal sealed record PhaseDefinition(string Name, IReadOnlyList<string> DependsOn, TimeSpan Timeout, bool Recover);
