namespace ActorShutdown.TestKit;

/// <summary>A store operation a <see cref="TestLease"/> made.</summary>
public enum TestLeaseCall
{
    /// <summary>An acquire.</summary>
    Acquire,

    /// <summary>A heartbeat's renewal.</summary>
    Renew,

    /// <summary>A release.</summary>
    Release,
}
