namespace ActorShutdown;

/// <summary>
/// What a <see cref="CoordinatedShutdown"/> run did: each phase and task, each actor the shutdown
/// touched, and the exit code the process should end with.
/// </summary>
public sealed class ShutdownReport
{
    /// <summary>The exit code of a shutdown that was not clean.</summary>
    internal const int UncleanExitCode = 3;

    private readonly Lazy<Dictionary<string, ActorOutcome>> _byPath;

    internal ShutdownReport(
        ShutdownReason reason, DateTimeOffset startedAt, TimeSpan duration,
        IReadOnlyList<PhaseOutcome> phases, IReadOnlyList<ActorOutcome> actors, IReadOnlyList<LeaseRelease>? leases = null)
    {
        Reason = reason;
        StartedAt = startedAt;
        Duration = duration;
        Phases = phases;
        Actors = actors;
        Leases = leases ?? [];
        Clean = !(actors is ActorOutcomeList list ? list.AnyAbandoned : actors.Any(a => a.Fate == ActorFate.Abandoned))
            && !phases.Any(p => p.TimedOut || p.Tasks.Any(t => t.Failure is not null || t.TimedOut));
        // Built on first use: most reports are never queried by actor, and one may hold 100,000 actors.
        _byPath = new(() =>
        {
            var byPath = new Dictionary<string, ActorOutcome>(actors.Count, StringComparer.Ordinal);
            foreach (var actor in actors) byPath[actor.Path] = actor;
            return byPath;
        });
    }

    /// <summary>Why the shutdown ran.</summary>
    public ShutdownReason Reason { get; }

    /// <summary>When <see cref="CoordinatedShutdown.Run"/> started, by the system's clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the run took, by the system's clock.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The phases that were run or cut short, in the order they ran.</summary>
    public IReadOnlyList<PhaseOutcome> Phases { get; }

    /// <summary>Every actor the shutdown touched.</summary>
    public IReadOnlyList<ActorOutcome> Actors { get; }

    /// <summary>
    /// The leases released during the run because the actor they were tied to stopped, in the order the
    /// releases ended. A failed release does not make the run unclean (the lease expires by itself), but it
    /// is listed here with its failure.
    /// </summary>
    public IReadOnlyList<LeaseRelease> Leases { get; }

    /// <summary>
    /// True when no actor was abandoned, no task failed or timed out, and no phase timed out or was cut short.
    /// </summary>
    public bool Clean { get; }

    /// <summary>The process exit code: the reason's own code when clean, otherwise 3.</summary>
    public int ExitCode => Clean ? Reason.ExitCode : UncleanExitCode;

    /// <summary>
    /// The outcome of the actor at <paramref name="actor"/>'s path, or null when the shutdown did not
    /// touch it. When several outcomes share a path (a name reused after a stop), the last one.
    /// </summary>
    /// <param name="actor">The actor to look up.</param>
    public ActorOutcome? For(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _byPath.Value.GetValueOrDefault(actor.Path.ToString());
    }

    /// <summary>
    /// The report as indented JSON with stable camelCase field names: <c>reason</c>, <c>exitCode</c>,
    /// <c>clean</c>, <c>startedAt</c>, <c>durationMs</c>, <c>phases</c> (<c>name</c>, <c>durationMs</c>,
    /// <c>timedOut</c>, <c>tasks</c>: <c>name</c>, <c>durationMs</c>, <c>timedOut</c>, <c>failure</c>) and
    /// <c>actors</c> (<c>path</c>, <c>shielded</c>, <c>excluded</c>, <c>cancelAttempts</c>, <c>fate</c> as
    /// the <see cref="ActorFate"/> name, <c>stoppedAfterMs</c>, <c>failure</c>) and <c>leases</c> (<c>lease</c>,
    /// <c>owner</c>, <c>actor</c>, <c>releasedAfterMs</c>, <c>released</c>, <c>failure</c>). Durations are numbers of
    /// milliseconds; a failure is <c>{"type": full type name, "message": …}</c> or null.
    /// </summary>
    public string ToJson() => ShutdownReportJson.Write(this);

    /// <summary>
    /// A human summary: the reason and exit code, each phase with its duration, timeout and failed
    /// tasks, the number of actors per fate, the notable actors by path (resisted, escalated,
    /// abandoned, failed, shielded), and the leases released.
    /// </summary>
    public override string ToString() => ShutdownReportText.Write(this);
}
