namespace ActorShutdown;

/// <summary>How an actor in a shutdown's scope ended.</summary>
public enum ActorFate
{
    /// <summary>It stopped: by its own hand after a <see cref="Cancel"/>, or because it left one unhandled.</summary>
    Stopped,

    /// <summary>It was shielded and stopped after its queued work was done.</summary>
    Drained,

    /// <summary>It resisted every cancel request and was stopped (or killed) by the guardian.</summary>
    Escalated,

    /// <summary>It did not stop even after escalation, or was still alive when the run ended (at its deadline, say): the shutdown stopped waiting for it.</summary>
    Abandoned,

    /// <summary>It was still running when the report was made: an excluded actor (or one holding an excluded descendant), left to stop with the system.</summary>
    Running,
}
