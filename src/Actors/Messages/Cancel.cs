namespace ActorShutdown;

/// <summary>
/// A cancel request (see the cancellation model): delivered ahead of queued ordinary messages. An actor without
/// a handler for it is stopped. Catch-all handlers never see it.
/// </summary>
/// <param name="Attempt">Which request this is for the actor: 1, 2, …</param>
/// <param name="Reason">Why the actor is being cancelled.</param>
public sealed record Cancel(int Attempt, ShutdownReason Reason);
