using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// Logs the first <c>actors.log-dead-letters</c> dead letters, one line each, then one line saying that logging
/// is suspended; every dead letter is counted (and metered) either way. A shutdown can dead-letter thousands of
/// messages at once: the log must not drown in them.
/// </summary>
internal sealed class DeadLetterLog(ILogger log, int limit)
{
    private long _logged;

    public void Record(object message, IActorRef? sender, IActorRef recipient, long total)
    {
        ShutdownMetrics.RecordDeadLetter();
        var n = Interlocked.Increment(ref _logged);
        if (n <= limit) KernelLog.DeadLetter(log, message.GetType().Name, sender?.Path.ToString() ?? "no sender", recipient.Path.ToString(), total);
        else if (n == limit + 1L && limit > 0) KernelLog.DeadLetterLoggingSuspended(log, limit);
    }
}
