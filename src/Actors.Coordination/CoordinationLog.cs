using Microsoft.Extensions.Logging;

namespace ActorShutdown.Coordination;

/// <summary>The log messages of leases, defined once (source-generated).</summary>
internal static partial class CoordinationLog
{
    [LoggerMessage(101, LogLevel.Debug, "Lease {Lease} acquired by {Owner}")]
    public static partial void Acquired(ILogger logger, string lease, string owner);

    [LoggerMessage(102, LogLevel.Debug, "Lease {Lease} released by {Owner} (held: {Released})")]
    public static partial void Released(ILogger logger, string lease, string owner, bool released);

    [LoggerMessage(103, LogLevel.Warning, "Lease {Lease}: the renewal by {Owner} failed; retrying at the next heartbeat")]
    public static partial void RenewalFailed(ILogger logger, Exception exception, string lease, string owner);

    [LoggerMessage(104, LogLevel.Warning, "Lease {Lease} lost by {Owner}")]
    public static partial void Lost(ILogger logger, Exception exception, string lease, string owner);

    [LoggerMessage(105, LogLevel.Error, "Lease {Lease}: the lease-lost callback of {Owner} threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, string lease, string owner);

    [LoggerMessage(106, LogLevel.Information, "Lease {Lease} of {Owner} released as {Actor} stopped (held: {Released})")]
    public static partial void ReleasedOnStop(ILogger logger, string lease, string owner, string actor, bool released);

    [LoggerMessage(107, LogLevel.Error, "Lease {Lease} of {Owner}: the release as {Actor} stopped failed; the lease expires by itself")]
    public static partial void ReleaseOnStopFailed(ILogger logger, Exception exception, string lease, string owner, string actor);

    [LoggerMessage(108, LogLevel.Warning, "Lease file {Path} is unreadable; treating the lease as free")]
    public static partial void UnreadableLeaseFile(ILogger logger, Exception exception, string path);
}
