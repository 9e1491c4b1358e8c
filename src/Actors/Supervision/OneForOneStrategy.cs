namespace ActorShutdown;

/// <summary>Applies the decider's directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    private readonly int _maxNrOfRetries;
    private readonly TimeSpan _withinTimeRange;
    private readonly Func<Exception, Directive> _decider;

    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 for no limit; 0 stops at the first failure.</param>
    /// <param name="withinTimeRange">The window the restarts are counted in; <see cref="Timeout.InfiniteTimeSpan"/> counts them forever.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        if (withinTimeRange <= TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "must be positive or Timeout.InfiniteTimeSpan");
        _maxNrOfRetries = maxNrOfRetries;
        _withinTimeRange = withinTimeRange;
        _decider = decider;
    }

    internal override Directive Decide(ActorCell child, Exception cause, DateTimeOffset now)
    {
        var directive = _decider(cause);
        if (directive != Directive.Restart || _maxNrOfRetries < 0) return directive;
        var stats = child.RestartStats ??= new RestartStatistics();
        return stats.RequestRestart(_maxNrOfRetries, _withinTimeRange, now) ? Directive.Restart : Directive.Stop;
    }
}
