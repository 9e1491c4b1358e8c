using ActorShutdown.Configuration;

namespace ActorShutdown.Coordination;

/// <summary>
/// What a <see cref="Lease"/> is and how it keeps time: its name, its owner, how often the owner renews it, how
/// long it lasts without renewal, and how long one operation may take. Validated when created.
/// </summary>
public sealed class LeaseSettings
{
    /// <summary>The configuration section every lease falls back to.</summary>
    public const string DefaultConfigPath = "actors.coordination.lease";

    /// <summary>Creates validated settings.</summary>
    /// <param name="leaseName">The lease's name: every owner that contends for the lease uses the same one.</param>
    /// <param name="ownerName">Who holds it: unique per holder (for example host name and process id).</param>
    /// <param name="heartbeatInterval">How often the owner renews the lease; greater than zero and less than <paramref name="heartbeatTimeout"/>.</param>
    /// <param name="heartbeatTimeout">How long the lease stays valid without a renewal; finite and greater than zero.</param>
    /// <param name="operationTimeout">How long one acquire, renewal or release may take; finite and greater than zero.</param>
    /// <param name="leaseConfig">The lease's configuration section (its <c>lease-class</c> and the implementation's own keys); empty when null.</param>
    /// <exception cref="ArgumentException">A name is empty, or a duration is out of range.</exception>
    public LeaseSettings(string leaseName, string ownerName, TimeSpan heartbeatInterval, TimeSpan heartbeatTimeout,
        TimeSpan operationTimeout, Config? leaseConfig = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerName);
        RequireFinitePositive(heartbeatInterval, nameof(heartbeatInterval));
        RequireFinitePositive(heartbeatTimeout, nameof(heartbeatTimeout));
        RequireFinitePositive(operationTimeout, nameof(operationTimeout));
        if (heartbeatInterval >= heartbeatTimeout)
            throw new ArgumentException($"The heartbeat interval ({heartbeatInterval}) must be less than the heartbeat timeout ({heartbeatTimeout}), or the lease expires between heartbeats.", nameof(heartbeatInterval));
        LeaseName = leaseName;
        OwnerName = ownerName;
        HeartbeatInterval = heartbeatInterval;
        HeartbeatTimeout = heartbeatTimeout;
        OperationTimeout = operationTimeout;
        LeaseConfig = leaseConfig ?? Config.Empty;
    }

    /// <summary>
    /// Reads the timings from a lease's configuration section: <c>heartbeat-interval</c>, <c>heartbeat-timeout</c>
    /// and <c>lease-operation-timeout</c> (give the section <c>actors.coordination.lease</c> as fallback for the defaults).
    /// </summary>
    /// <param name="leaseConfig">The section.</param>
    /// <param name="leaseName">The lease's name.</param>
    /// <param name="ownerName">The owner's name.</param>
    /// <exception cref="ConfigurationException">A key is missing or out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public static LeaseSettings FromConfig(Config leaseConfig, string leaseName, string ownerName)
    {
        ArgumentNullException.ThrowIfNull(leaseConfig);
        var interval = leaseConfig.PositiveDuration("heartbeat-interval", allowInfinite: false);
        var timeout = leaseConfig.PositiveDuration("heartbeat-timeout", allowInfinite: false);
        var operation = leaseConfig.PositiveDuration("lease-operation-timeout", allowInfinite: false);
        if (interval >= timeout)
            throw leaseConfig.Invalid("heartbeat-interval", $"must be less than heartbeat-timeout ({timeout}), found {interval}");
        return new LeaseSettings(leaseName, ownerName, interval, timeout, operation, leaseConfig);
    }

    /// <summary>The lease's name.</summary>
    public string LeaseName { get; }

    /// <summary>The owner that acquires, renews and releases it.</summary>
    public string OwnerName { get; }

    /// <summary>How often the owner renews the lease while holding it.</summary>
    public TimeSpan HeartbeatInterval { get; }

    /// <summary>How long the lease stays valid without a renewal.</summary>
    public TimeSpan HeartbeatTimeout { get; }

    /// <summary>How long one acquire, renewal or release may take.</summary>
    public TimeSpan OperationTimeout { get; }

    /// <summary>The lease's configuration section, for the implementation's own keys.</summary>
    public Config LeaseConfig { get; }

    /// <summary>These settings for another owner (same lease, same timings).</summary>
    public LeaseSettings WithOwner(string ownerName) =>
        new(LeaseName, ownerName, HeartbeatInterval, HeartbeatTimeout, OperationTimeout, LeaseConfig);

    /// <inheritdoc />
    public override string ToString() =>
        $"LeaseSettings({LeaseName}, owner {OwnerName}, heartbeat every {HeartbeatInterval}, timeout {HeartbeatTimeout}, operations within {OperationTimeout})";

    private static void RequireFinitePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite duration greater than zero.");
    }
}
