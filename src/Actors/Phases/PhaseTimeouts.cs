using Akka.Event;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Warns at load, for a bare actor system, where the configured phase timeouts and the guardian's settings do not
/// fit: Akka reads its timeouts when the system starts, so the guardian cannot change them there (the Hosting
/// package sizes them before the system starts).
/// </summary>
internal static class PhaseTimeouts
{
    internal static void WarnWhereTheyDoNotFit(ExtendedActorSystem system, CoordinatedShutdown shutdown, ShutdownGuardianSettings settings)
    {
        var cancelTimeout = shutdown.Timeout(settings.CancelPhase);
        if (settings.CancelSchedule > cancelTimeout)
        {
            system.Log.Warning(
                "The cancel schedule ({0} × {1} + {2} = {3}) does not fit the timeout of the cancel phase ({4}): when it times out, the actors still " +
                "resisting are escalated at once. Lengthen akka.coordinated-shutdown.phases.{5}.timeout or shorten " +
                "akka.shutdown-guardian.cancel-interval, max-cancel-attempts or escalation-timeout.",
                settings.MaxCancelAttempts, settings.CancelInterval, settings.EscalationTimeout, settings.CancelSchedule, cancelTimeout, settings.CancelPhase);
        }
        if (settings.Deadline is { } deadline)
        {
            // The phases that always have work: the guardian's two and Akka's terminate (the others may have none).
            string[] busy = [.. new[] { settings.CancelPhase, settings.ShieldPhase, CoordinatedShutdown.PhaseActorSystemTerminate }.Distinct()];
            var total = busy.Aggregate(TimeSpan.Zero, (sum, phase) => sum + shutdown.Timeout(phase));
            if (total > deadline)
            {
                system.Log.Warning(
                    "akka.shutdown-guardian.deadline ({0}) is shorter than the timeouts of the phases {1} together ({2}): the report completes at the " +
                    "deadline, but Akka's own run can go on until its phases time out. Shorten their akka.coordinated-shutdown.phases.<phase>.timeout to fit.",
                    deadline, string.Join(", ", busy), total);
            }
        }
    }
}
