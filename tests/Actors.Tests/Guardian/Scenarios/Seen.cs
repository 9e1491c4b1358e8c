using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>What a test actor tells its <see cref="Journal"/>: which actor, what happened, and when by the system's clock.</summary>
/// <param name="Path">The actor's path, like <c>/user/a0/c1</c>.</param>
/// <param name="What">"started", "working", "cancel", "tripped" (its job's token), "finished", "cleanup-done", "cleanup-interrupted", "spawned", "stopped", or a log line's level.</param>
/// <param name="At">The system clock's reading at that moment (virtual).</param>
/// <param name="Attempt">The cancel attempt, for "cancel".</param>
/// <param name="Reason">The cancel's reason, for "cancel".</param>
/// <param name="Count">Messages counted, for a worker's "stopped".</param>
/// <param name="Tripped">For a worker's "stopped": whether its token was ever found tripped in an ordinary handler.</param>
/// <param name="Text">A log line's text.</param>
public sealed record Seen(string Path, string What, DateTimeOffset At, int Attempt = 0, CoordinatedShutdown.Reason? Reason = null,
    int Count = 0, bool Tripped = false, string? Text = null);
