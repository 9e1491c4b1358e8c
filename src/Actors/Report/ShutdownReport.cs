using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// What a coordinated shutdown did: each phase and task, each actor the guardian touched, each lease tied to the
/// shutdown, and the exit code the process should end with.
/// </summary>
public sealed class ShutdownReport
{
    private readonly int _cleanExitCode;
    private readonly int _uncleanExitCode;
    private readonly Lazy<Dictionary<string, ActorOutcome>> _byPath;

    internal ShutdownReport(
        CoordinatedShutdown.Reason reason, DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<PhaseOutcome> phases,
        IReadOnlyList<ActorOutcome> actors, IReadOnlyList<LeaseOutcome> leases, bool deadlinePassed, int signalExitCode, int uncleanExitCode)
    {
        Reason = reason;
        StartedAt = startedAt;
        Duration = duration;
        Phases = phases;
        Actors = actors;
        Leases = leases;
        DeadlinePassed = deadlinePassed;
        var anyAbandoned = actors is ActorOutcomeList list ? list.AnyAbandoned : actors.Any(a => a.Fate == ActorFate.Abandoned);
        Clean = !deadlinePassed && !anyAbandoned
            && !phases.Any(p => p.TimedOut || p.Tasks.Any(t => t.Failure is not null || t.TimedOut))
            && !leases.Any(l => l.Failure is not null);
        _cleanExitCode = reason is SignalReason ? signalExitCode : reason.ExitCode;
        _uncleanExitCode = uncleanExitCode;
        // Built on first use: most reports are never queried by actor, and one may hold 100,000 actors.
        _byPath = new(() =>
        {
            var byPath = new Dictionary<string, ActorOutcome>(actors.Count, StringComparer.Ordinal);
            foreach (var actor in actors) byPath[actor.Path] = actor;
            return byPath;
        });
    }

    /// <summary>Why the shutdown ran: the reason of the first <see cref="CoordinatedShutdown.Run"/>.</summary>
    public CoordinatedShutdown.Reason Reason { get; }

    /// <summary>When the run started, by the actor system's scheduler clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the run took until this report, by the actor system's scheduler clock.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The phases that ran, in the order Akka ran them.</summary>
    public IReadOnlyList<PhaseOutcome> Phases { get; }

    /// <summary>Every actor the guardian took in scope or saw created later.</summary>
    public IReadOnlyList<ActorOutcome> Actors { get; }

    /// <summary>The leases tied to the shutdown, in the order their releases ended.</summary>
    public IReadOnlyList<LeaseOutcome> Leases { get; }

    /// <summary>Whether the deadline passed before the run finished.</summary>
    internal bool DeadlinePassed { get; }

    /// <summary>
    /// False when an actor was abandoned, a task failed or timed out, a phase timed out, a lease failed to release,
    /// or the deadline passed.
    /// </summary>
    public bool Clean { get; }

    /// <summary>
    /// The exit code the process should end with: when clean, the reason's own code (<c>signal-exit-code</c> for a
    /// <see cref="SignalReason"/>); when not, <c>unclean-exit-code</c> (70) if the reason's code is 0, else the
    /// reason's code.
    /// </summary>
    public int ExitCode => Clean ? _cleanExitCode : Reason.ExitCode == 0 ? _uncleanExitCode : Reason.ExitCode;

    /// <summary>The outcome of <paramref name="actor"/>, or null when the guardian did not touch it.</summary>
    /// <param name="actor">The actor to look up.</param>
    public ActorOutcome? For(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _byPath.Value.GetValueOrDefault(actor.Path.ToStringWithoutAddress());
    }

    /// <summary>
    /// The report as indented JSON (System.Text.Json, camelCase): <c>reason</c> (the reason's class name),
    /// <c>signal</c> (for a <see cref="SignalReason"/>), <c>exitCode</c>, <c>clean</c>, <c>startedAt</c> (ISO 8601),
    /// <c>duration</c>, <c>phases[]</c> (<c>name</c>, <c>duration</c>, <c>timedOut</c>, <c>tasks[]</c>: <c>name</c>,
    /// <c>duration</c>, <c>failure</c>, <c>timedOut</c>), <c>actors[]</c> (<c>path</c>, <c>shielded</c>,
    /// <c>excluded</c>, <c>cancelAttempts</c>, <c>fate</c> as the <see cref="ActorFate"/> name, <c>stoppedAfter</c>,
    /// <c>failure</c>) and <c>leases[]</c> (<c>leaseName</c>, <c>owner</c>, <c>released</c>, <c>failure</c>). Durations
    /// are written as System.Text.Json writes a <see cref="TimeSpan"/> (<c>"00:00:01.5000000"</c>); a failure is
    /// <c>{"type": full type name, "message": …}</c> or null.
    /// </summary>
    public string ToJson() => ShutdownReportJson.Write(this);

    /// <summary>
    /// A human summary: the reason and exit code, each phase with its duration and failed or timed-out tasks, the
    /// number of actors per fate, the notable actors by path (resisted, escalated, abandoned, failed, shielded), and
    /// the leases.
    /// </summary>
    public override string ToString() => ShutdownReportText.Write(this);
}
