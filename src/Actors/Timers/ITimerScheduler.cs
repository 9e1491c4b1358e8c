namespace ActorShutdown;

/// <summary>
/// Keyed timers that send messages to the actor itself. Starting a key again replaces its timer; a cancelled or
/// replaced timer's message is never delivered, even if already queued; all timers end at restart and stop.
/// Time comes from the system's <see cref="TimeProvider"/>. Use only from the actor's own handlers.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>True while the timer with that key is active.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with that key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels all timers.</summary>
    void CancelAll();
}
