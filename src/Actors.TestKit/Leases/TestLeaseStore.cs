namespace ActorShutdown.TestKit;

/// <summary>The records of the test leases, one per lease name, shared by every actor system of the process.</summary>
internal static class TestLeaseStore
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Record> Records = new(StringComparer.Ordinal);   // guarded by Gate

    public static Record Free { get; } = new(null, DateTimeOffset.MinValue);

    /// <summary>Atomically: writes the record <paramref name="decide"/> returns for the current one (true), unless null (false).</summary>
    public static bool Update(string leaseName, Func<Record, Record?> decide)
    {
        lock (Gate)
        {
            if (decide(Records.GetValueOrDefault(leaseName, Free)) is not { } next) return false;
            Records[leaseName] = next;
            return true;
        }
    }

    /// <summary>A lease's holder (null when free) and expiry.</summary>
    public sealed record Record(string? Owner, DateTimeOffset ExpiresAt);
}
