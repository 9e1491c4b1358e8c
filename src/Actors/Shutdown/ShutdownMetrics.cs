using System.Diagnostics.Metrics;

namespace ActorShutdown;

/// <summary>
/// The <c>ActorShutdown</c> meter. CoordinatedShutdown records the shutdown duration; the kernel and
/// the ShutdownGuardian record the rest through the methods here.
/// </summary>
internal static class ShutdownMetrics
{
    /// <summary>The meter's name, to subscribe to with a MeterListener or OpenTelemetry.</summary>
    internal const string MeterName = "ActorShutdown";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> ShutdownDuration = Meter.CreateHistogram<double>(
        "actorshutdown.shutdown.duration", unit: "s",
        description: "Time from CoordinatedShutdown.Run to the end of its last phase.");

    private static readonly Counter<long> CancelAttempts = Meter.CreateCounter<long>(
        "actorshutdown.cancel.attempts", unit: "{attempt}", description: "Cancel requests delivered to actors.");

    private static readonly Counter<long> Escalations = Meter.CreateCounter<long>(
        "actorshutdown.escalations", unit: "{actor}", description: "Actors escalated after resisting every cancel attempt.");

    private static readonly Counter<long> AbandonedActors = Meter.CreateCounter<long>(
        "actorshutdown.actors.abandoned", unit: "{actor}", description: "Actors detached because they outlived escalation.");

    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "actorshutdown.dead_letters", unit: "{message}", description: "Messages that reached no live actor.");

    /// <summary>Records one finished shutdown run, tagged with its reason and whether it was clean.</summary>
    /// <param name="duration">How long the run took.</param>
    /// <param name="reason">Why it ran (tag <c>actorshutdown.reason</c>).</param>
    /// <param name="clean">Whether it was clean (tag <c>actorshutdown.clean</c>); false for a run that failed.</param>
    internal static void RecordShutdown(TimeSpan duration, ShutdownReason reason, bool clean) =>
        ShutdownDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("actorshutdown.reason", reason.Name),
            new KeyValuePair<string, object?>("actorshutdown.clean", clean));

    /// <summary>Counts one cancel request delivered to an actor.</summary>
    internal static void RecordCancelAttempt() => CancelAttempts.Add(1);

    /// <summary>Counts one actor escalated.</summary>
    internal static void RecordEscalation() => Escalations.Add(1);

    /// <summary>Counts one actor abandoned.</summary>
    internal static void RecordAbandoned() => AbandonedActors.Add(1);

    /// <summary>Counts one dead letter.</summary>
    internal static void RecordDeadLetter() => DeadLetters.Add(1);
}
