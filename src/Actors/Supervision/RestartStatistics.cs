namespace ActorShutdown;

/// <summary>A child's restarts within the current window, kept on the child and touched only by its parent.</summary>
internal sealed class RestartStatistics
{
    private int _count;
    private DateTimeOffset _windowStart;

    /// <summary>Counts a restart; false when it exceeds <paramref name="max"/> within <paramref name="window"/>.</summary>
    public bool RequestRestart(int max, TimeSpan window, DateTimeOffset now)
    {
        if (window != Timeout.InfiniteTimeSpan && (_count == 0 || now - _windowStart > window))
        {
            _windowStart = now;
            _count = 0;
        }
        return ++_count <= max;
    }
}
