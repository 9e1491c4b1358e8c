using Akka.Actor;

namespace ActorShutdown.Hosting;

/// <summary>
/// Sizes the coordinated shutdown's phase timeouts under a host. Akka's default phase timeout (5 s) is shorter than the
/// guardian's default cancel schedule, so the cancel and shield phases are first lengthened to fit the schedule; then,
/// when all phases together exceed the deadline, every phase is scaled down in proportion, <c>actor-system-terminate</c>
/// keeping at least a fifth of the deadline (the system must still get to terminate): the deadline wins over the
/// schedule. Every phase counts, because the guardian's phase markers give every phase a task, and Akka waits up to
/// the timeout of each phase that has one.
/// </summary>
internal static class PhaseBudget
{
    private static readonly TimeSpan Smallest = TimeSpan.FromMilliseconds(1);

    /// <summary>The timeout of each phase of <paramref name="configured"/>, fitted to the schedule and the deadline.</summary>
    internal static Dictionary<string, TimeSpan> Fit(IReadOnlyDictionary<string, TimeSpan> configured, string cancelPhase, string shieldPhase,
        TimeSpan schedule, TimeSpan? deadline)
    {
        var timeouts = new Dictionary<string, TimeSpan>(configured, StringComparer.Ordinal);
        foreach (var phase in new[] { cancelPhase, shieldPhase })
        {
            if (timeouts[phase] < schedule) timeouts[phase] = schedule;
        }
        var total = timeouts.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
        if (deadline is not { } limit || total <= limit) return timeouts;

        const string terminate = CoordinatedShutdown.PhaseActorSystemTerminate;
        var terminateTimeout = timeouts.GetValueOrDefault(terminate);
        var terminateShare = Min(terminateTimeout, Max(terminateTimeout * (limit / total), limit / 5));
        var othersFactor = (limit - terminateShare) / (total - terminateTimeout);
        foreach (var phase in timeouts.Keys.ToList())
        {
            timeouts[phase] = phase == terminate ? Floor(terminateShare) : Floor(timeouts[phase] * othersFactor);
        }
        return timeouts;
    }

    private static TimeSpan Floor(TimeSpan span) => Max(TimeSpan.FromMilliseconds(Math.Floor(span.TotalMilliseconds)), Smallest);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
