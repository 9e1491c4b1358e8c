namespace ActorShutdown;

/// <summary>What happened to one actor during a shutdown.</summary>
/// <param name="Path">The actor's path without its address, such as <c>/user/a/b</c>.</param>
/// <param name="Shielded">Whether it was shielded (left to finish its queued work).</param>
/// <param name="Excluded">Whether it was excluded (neither cancelled nor drained).</param>
/// <param name="CancelAttempts">How many cancel requests it got; more than one means it resisted.</param>
/// <param name="Fate">How it ended.</param>
/// <param name="StoppedAfter">When it stopped (or was given up), counted from the start of the run.</param>
/// <param name="Failure">An exception thrown while it cleaned up or stopped, or null.</param>
public sealed record ActorOutcome(
    string Path, bool Shielded, bool Excluded, int CancelAttempts, ActorFate Fate, TimeSpan StoppedAfter, Exception? Failure);
