using System.Runtime.CompilerServices;

namespace ActorShutdown.TestKit;

/// <summary>
/// The in-memory store of <see cref="TestLease"/>s: per lease name, its owner and expiry. Leases created by the
/// <c>LeaseProvider</c> of one actor system share that system's store (<see cref="For"/>), so two owners in one
/// test contend for real. A test can block the store to make operations hang (and time out).
/// </summary>
public sealed class TestLeaseStore
{
    private static readonly ConditionalWeakTable<ActorSystem, TestLeaseStore> BySystem = [];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string? Owner, DateTimeOffset ExpiresAt)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _blocked = new(StringComparer.Ordinal);
    private TaskCompletionSource? _blockedAll;

    /// <summary>The store shared by the test leases of <paramref name="system"/>.</summary>
    public static TestLeaseStore For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return BySystem.GetValue(system, static _ => new TestLeaseStore());
    }

    /// <summary>The recorded owner (null when free) and expiry of a lease.</summary>
    public (string? Owner, DateTimeOffset ExpiresAt) RecordOf(string leaseName)
    {
        lock (_gate) return _records.GetValueOrDefault(leaseName, (null, DateTimeOffset.MinValue));
    }

    /// <summary>
    /// Makes every operation on <paramref name="leaseName"/> (every lease when null) wait until the result is
    /// disposed — a store that does not answer. The operations' own timeouts still apply.
    /// </summary>
    public IDisposable Block(string? leaseName = null)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (leaseName is null) _blockedAll = gate;
            else _blocked[leaseName] = gate;
        }
        return new Unblock(this, leaseName, gate);
    }

    internal async Task<bool> TryAcquire(string leaseName, string owner, DateTimeOffset now, TimeSpan ttl, bool force, CancellationToken cancellationToken)
    {
        await WhenOpen(leaseName, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var (holder, expiresAt) = _records.GetValueOrDefault(leaseName, (null, DateTimeOffset.MinValue));
            if (!force && holder is not null && holder != owner && now < expiresAt) return false;
            _records[leaseName] = (owner, now + ttl);
            return true;
        }
    }

    internal async Task<bool> TryRenew(string leaseName, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await WhenOpen(leaseName, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_records.GetValueOrDefault(leaseName).Owner != owner) return false;
            _records[leaseName] = (owner, now + ttl);
            return true;
        }
    }

    internal async Task<bool> TryRelease(string leaseName, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await WhenOpen(leaseName, cancellationToken).ConfigureAwait(false);
        return Evict(leaseName, owner, now);
    }

    /// <summary>Frees the lease if <paramref name="owner"/> holds it (no blocking: a test's hand, not an operation).</summary>
    internal bool Evict(string leaseName, string owner, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_records.GetValueOrDefault(leaseName).Owner != owner) return false;
            _records[leaseName] = (null, now);
            return true;
        }
    }

    private Task WhenOpen(string leaseName, CancellationToken cancellationToken)
    {
        Task? gate;
        lock (_gate) gate = _blockedAll?.Task ?? _blocked.GetValueOrDefault(leaseName)?.Task;
        return gate is null ? Task.CompletedTask : WaitBoth(gate, leaseName, cancellationToken);
    }

    private async Task WaitBoth(Task gate, string leaseName, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        await WhenOpen(leaseName, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Unblock(TestLeaseStore store, string? leaseName, TaskCompletionSource gate) : IDisposable
    {
        public void Dispose()
        {
            lock (store._gate)
            {
                if (leaseName is null && store._blockedAll == gate) store._blockedAll = null;
                else if (leaseName is not null && store._blocked.GetValueOrDefault(leaseName) == gate) store._blocked.Remove(leaseName);
            }
            gate.TrySetResult();
        }
    }
}
