namespace ActorShutdown.Hosting;

/// <summary>
/// The guardian's settings under a .NET Generic Host, mapped onto the <c>akka.shutdown-guardian</c> keys by
/// <see cref="ShutdownGuardianHostingExtensions.WithShutdownGuardian"/>. A property left null keeps the configured value
/// (or the default of <c>reference.conf</c>).
/// </summary>
public sealed class ShutdownGuardianOptions
{
    /// <summary><c>cancel-interval</c>: the time between two cancel requests to an actor still alive.</summary>
    public TimeSpan? CancelInterval { get; set; }

    /// <summary><c>max-cancel-attempts</c>: how many cancel requests an actor gets before it is escalated.</summary>
    public int? MaxCancelAttempts { get; set; }

    /// <summary><c>escalation-timeout</c>: how long an escalated actor may take to stop before it is abandoned.</summary>
    public TimeSpan? EscalationTimeout { get; set; }

    /// <summary><c>shield-timeout</c>: how long a shield lasts by default; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan? ShieldTimeout { get; set; }

    /// <summary><c>shielded-paths</c>: path patterns of actors shielded with their subtrees, added to the configured ones.</summary>
    public IList<string> ShieldedPaths { get; } = [];

    /// <summary><c>excluded-paths</c>: path patterns of actors excluded with their subtrees, added to the configured ones.</summary>
    public IList<string> ExcludedPaths { get; } = [];

    /// <summary>
    /// <c>deadline</c>: the bound on the whole coordinated shutdown. By default 90% of the host's
    /// <c>HostOptions.ShutdownTimeout</c> (the rest is left to the hosted services that stop before the actor system).
    /// </summary>
    public TimeSpan? Deadline { get; set; }
}
