using ActorShutdown.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>The shutdown guardian's log messages.</summary>
internal static partial class GuardianLog
{
    [LoggerMessage(101, LogLevel.Information, "Cancelling {Count} actors ({Shielded} shielded, {Excluded} excluded, {Ancestors} held for protected descendants)")]
    public static partial void ScopeTaken(ILogger logger, int count, int shielded, int excluded, int ancestors);

    [LoggerMessage(102, LogLevel.Information, "Draining {Count} shielded actors")]
    public static partial void Draining(ILogger logger, int count);

    [LoggerMessage(103, LogLevel.Warning, "{Actor} resisted {Attempts} cancel requests; escalating with {Escalation}")]
    public static partial void Escalating(ILogger logger, ActorPath actor, int attempts, ShutdownEscalation escalation);

    [LoggerMessage(104, LogLevel.Error, "{Actor} is still running {Timeout} after escalation; abandoning it (its handler is left to finish on its own)")]
    public static partial void Abandoning(ILogger logger, ActorPath actor, TimeSpan timeout);

    [LoggerMessage(105, LogLevel.Information, "The shield of {Actor} ended; it is cancelled from now on")]
    public static partial void ShieldEnded(ILogger logger, ActorPath actor);

    [LoggerMessage(106, LogLevel.Warning, "{Actor} was shielded or excluded after shutdown began and has already been cancelled; the request has no effect")]
    public static partial void LateProtection(ILogger logger, ActorPath actor);
}
