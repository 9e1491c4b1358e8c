namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// What a test actor tells its probe: which actor, what happened, and when by the system's clock.
/// </summary>
/// <param name="Path">The actor's path.</param>
/// <param name="What">"cancel", "tripped" (its job's token), "finished" (its job), "cleanup-done", "spawned", "stopped", …</param>
/// <param name="At">The system clock's reading at that moment.</param>
/// <param name="Attempt">The cancel attempt, for "cancel".</param>
/// <param name="Reason">The cancel's reason name, for "cancel".</param>
/// <param name="Count">Messages counted, for "stopped".</param>
/// <param name="Tripped">For "stopped": whether its token was ever found tripped in an ordinary handler.</param>
/// <param name="Cancelled">For "stopped": whether it ever received Cancel.</param>
public sealed record Seen(string Path, string What, DateTimeOffset At, int Attempt = 0, string? Reason = null, int Count = 0, bool Tripped = false, bool Cancelled = false);
