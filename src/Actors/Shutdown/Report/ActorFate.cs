namespace ActorShutdown;

/// <summary>How an actor ended during a shutdown.</summary>
public enum ActorFate
{
    /// <summary>It stopped after being cancelled (or stopped on its own).</summary>
    Stopped,

    /// <summary>A shielded actor that finished its queued work and stopped.</summary>
    Drained,

    /// <summary>It resisted every cancel attempt and was stopped by escalation.</summary>
    Escalated,

    /// <summary>It outlived escalation and was detached from the system, possibly still running a handler.</summary>
    Abandoned,

    /// <summary>It was still running when the report was made (for example an excluded actor).</summary>
    Running,
}
