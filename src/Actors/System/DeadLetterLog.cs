using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// Logs dead letters with a rate limit: at most <c>actors.log-dead-letters</c> lines a minute (0 turns logging
/// off), then one line saying how many were left out. Every dead letter is counted either way.
/// </summary>
internal sealed class DeadLetterLog(ILogger log, TimeProvider time, int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _loggedInWindow;
    private long _suppressed;

    public void Record(object message, IActorRef? sender, IActorRef recipient, long total)
    {
        ShutdownMetrics.RecordDeadLetter();
        if (perMinute <= 0) return;
        long suppressedBefore;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _loggedInWindow = 0;
            }
            if (_loggedInWindow >= perMinute)
            {
                _suppressed++;
                return;
            }
            _loggedInWindow++;
            suppressedBefore = _suppressed;
            _suppressed = 0;
        }
        if (suppressedBefore > 0) KernelLog.DeadLettersSuppressed(log, suppressedBefore);
        KernelLog.DeadLetter(log, message.GetType().Name, sender?.Path.ToString() ?? "no sender", recipient.Path.ToString(), total);
    }
}
