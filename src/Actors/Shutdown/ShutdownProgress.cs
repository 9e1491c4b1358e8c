namespace ActorShutdown;

/// <summary>
/// A snapshot of a <see cref="CoordinatedShutdown"/> run, for a host to show while it shuts down (see
/// <see cref="CoordinatedShutdown.GetProgress"/>). The actor counts come from the
/// <see cref="ShutdownGuardian"/>; they stay zero when it is disabled, and until its cancel phase begins.
/// </summary>
/// <param name="Reason">The run's reason; null when no run has started.</param>
/// <param name="Phase">The phase running now; null before the run and after it has ended.</param>
/// <param name="Elapsed">Time since the run started, by the system's clock; zero before it.</param>
/// <param name="Completed">Whether the run has ended (with a report or a failure).</param>
/// <param name="ActorsInScope">How many actors the guardian has taken into its scope so far.</param>
/// <param name="ActorsLeft">How many of those are still alive (shielded and excluded ones included).</param>
/// <param name="ShieldedLeft">How many shielded actors are still alive.</param>
/// <param name="CancelAttemptsSent">How many cancel requests the guardian has sent, all actors together.</param>
public sealed record ShutdownProgress(
    ShutdownReason? Reason, string? Phase, TimeSpan Elapsed, bool Completed,
    int ActorsInScope, int ActorsLeft, int ShieldedLeft, int CancelAttemptsSent);
