using Microsoft.Extensions.Logging;

namespace ActorShutdown.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(201, LogLevel.Information, "Actor system {System} started with the host; its shutdown takes at most {TotalTimeout}")]
    public static partial void Started(ILogger logger, string system, TimeSpan totalTimeout);

    [LoggerMessage(202, LogLevel.Warning, "The host's shutdown token fired {Elapsed} into the coordinated shutdown, in phase {Phase}: cutting the run short")]
    public static partial void CutShort(ILogger logger, string phase, TimeSpan elapsed);

    [LoggerMessage(203, LogLevel.Information, "Actor system {System} terminated on its own (reason {Reason}, exit code {ExitCode}); stopping the host")]
    public static partial void TerminatedOnItsOwn(ILogger logger, string system, string reason, int exitCode);

    [LoggerMessage(204, LogLevel.Error, "The coordinated shutdown of {System} failed")]
    public static partial void RunFailed(ILogger logger, Exception failure, string system);

    [LoggerMessage(205, LogLevel.Warning, "Actor system {System} was still terminating when the host's shutdown token fired; the host stops waiting for it")]
    public static partial void NotTerminated(ILogger logger, string system);
}
