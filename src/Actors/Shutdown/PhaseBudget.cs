namespace ActorShutdown;

/// <summary>
/// How much time each phase of a run may take: its own timeout, cut to what the run's deadline
/// leaves. Phases before <see cref="CoordinatedShutdown.PhaseActorSystemTerminate"/> leave it its
/// share — the smaller of its own timeout and a fifth of the deadline — so that however long the
/// earlier phases hang, the system still gets time to terminate. It gets that share even when the run
/// is already past the deadline, which only a pause of the process or late timers can cause.
/// </summary>
internal sealed class PhaseBudget
{
    private readonly IReadOnlyList<PhaseDefinition> _ordered;
    private readonly TimeSpan? _deadline;
    private readonly int _terminateIndex;
    private readonly TimeSpan _terminateShare;

    /// <param name="ordered">The phases in running order.</param>
    /// <param name="deadline">The most a whole run may take, or null for no limit.</param>
    internal PhaseBudget(IReadOnlyList<PhaseDefinition> ordered, TimeSpan? deadline)
    {
        _ordered = ordered;
        _deadline = deadline;
        _terminateIndex = ordered.ToList().FindIndex(p => p.Name == CoordinatedShutdown.PhaseActorSystemTerminate);
        _terminateShare = deadline is { } d && _terminateIndex >= 0 ? Min(ordered[_terminateIndex].Timeout, d / 5) : TimeSpan.Zero;
        var sum = ordered.Any(p => p.Timeout == Timeout.InfiniteTimeSpan)
            ? Timeout.InfiniteTimeSpan
            : ordered.Aggregate(TimeSpan.Zero, (total, p) => total + p.Timeout);
        Total = deadline is { } limit ? Min(sum, limit) : sum;
    }

    /// <summary>The most a run from the first phase can take: the sum of the phase timeouts, or the deadline when smaller.</summary>
    internal TimeSpan Total { get; }

    /// <summary>
    /// The timeout for the phase at <paramref name="index"/> when <paramref name="elapsed"/> of the run
    /// has gone: <see cref="Timeout.InfiniteTimeSpan"/>, a positive span, or zero when no time is left.
    /// </summary>
    internal TimeSpan Limit(int index, TimeSpan elapsed)
    {
        var own = _ordered[index].Timeout;
        if (_deadline is not { } deadline) return own;
        // The terminate phase keeps its share even when the run is already late (the process was paused,
        // timers fired late): cut short, it would leave the actor system running after the run.
        if (index == _terminateIndex) return Min(own, deadline - elapsed > _terminateShare ? deadline - elapsed : _terminateShare);
        var reserved = index < _terminateIndex ? _terminateShare : TimeSpan.Zero;
        // Clamped at zero: a negative span could otherwise read as Timeout.InfiniteTimeSpan (-1 ms).
        var available = deadline - elapsed - reserved;
        return Min(own, available > TimeSpan.Zero ? available : TimeSpan.Zero);
    }

    /// <summary>The smaller of two timeouts, where <see cref="Timeout.InfiniteTimeSpan"/> is the largest.</summary>
    private static TimeSpan Min(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;
}
