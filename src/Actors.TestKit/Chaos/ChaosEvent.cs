namespace ActorShutdown.TestKit;

/// <summary>What a chaos actor tells its observer: which actor, what happened, and on which cancel attempt (0 for none).</summary>
/// <param name="Path">The chaos actor's path.</param>
/// <param name="What">What happened: "started", "cancel", "cleanup-start", "cleanup-done", "blocked", "released", "spawned", "finished", "stopped".</param>
/// <param name="Attempt">The cancel attempt being handled, or 0.</param>
public sealed record ChaosEvent(ActorPath Path, string What, int Attempt = 0);
