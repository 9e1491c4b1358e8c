using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>The kernel's log messages, defined once (source-generated, no allocation when the level is off).</summary>
internal static partial class KernelLog
{
    [LoggerMessage(1, LogLevel.Error, "{Child} failed; its supervisor decided {Directive}")]
    public static partial void ChildFailed(ILogger logger, ActorPath child, Directive directive, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "{Actor}: {Hook} threw")]
    public static partial void HookFailed(ILogger logger, ActorPath actor, string hook, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "{Actor} failed while stopping")]
    public static partial void FailedWhileStopping(ILogger logger, ActorPath actor, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "{Actor}: the supervisor strategy threw; stopping the child")]
    public static partial void DeciderFailed(ILogger logger, ActorPath actor, Exception exception);

    [LoggerMessage(5, LogLevel.Critical, "{Actor}: runtime error handling system message {Message}")]
    public static partial void SystemMessageFailed(ILogger logger, ActorPath actor, string message, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Dead letter: {MessageType} from {Sender} to {Recipient} was not delivered ({Total} dead letters so far)")]
    public static partial void DeadLetter(ILogger logger, string messageType, string sender, string recipient, long total);

    [LoggerMessage(7, LogLevel.Information, "Logged {Limit} dead letters; from now on they are only counted (actors.log-dead-letters)")]
    public static partial void DeadLetterLoggingSuspended(ILogger logger, int limit);

    [LoggerMessage(8, LogLevel.Error, "{Actor} was still running when the actor-system-terminate phase timed out; abandoned")]
    public static partial void AbandonedAtTermination(ILogger logger, ActorPath actor);
}
