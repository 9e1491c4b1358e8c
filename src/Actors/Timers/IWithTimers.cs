namespace ActorShutdown;

/// <summary>Implement it on an actor to get keyed timers; the runtime sets <see cref="Timers"/> right after the constructor, before <c>PreStart</c>.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timers (set by the runtime).</summary>
    ITimerScheduler Timers { get; set; }
}
