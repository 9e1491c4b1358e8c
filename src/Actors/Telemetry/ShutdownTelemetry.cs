using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorShutdown;

/// <summary>
/// Metrics (meter <c>ActorShutdown</c>) and traces (activity source <c>ActorShutdown</c>: one activity for the run,
/// one per phase) of the shutdowns in this process.
/// </summary>
internal static class ShutdownTelemetry
{
    internal const string Name = "ActorShutdown";

    internal static readonly Meter Meter = new(Name);

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Histogram<double> ShutdownDuration =
        Meter.CreateHistogram<double>("actorshutdown.shutdown.duration", "s", "How long a coordinated shutdown took, to its report.");

    internal static readonly Histogram<double> PhaseDuration =
        Meter.CreateHistogram<double>("actorshutdown.phase.duration", "s", "How long each phase of a shutdown took (tag: phase).");

    internal static readonly Counter<long> CancelRequests =
        Meter.CreateCounter<long>("actorshutdown.cancel.requests", "{request}", "Cancel requests the guardian sent.");

    internal static readonly Counter<long> Escalations =
        Meter.CreateCounter<long>("actorshutdown.escalations", "{actor}", "Actors escalated after resisting every cancel request.");

    internal static readonly Counter<long> Abandoned =
        Meter.CreateCounter<long>("actorshutdown.abandoned", "{actor}", "Actors given up on: they did not stop even after escalation.");
}
