using System.Collections.Concurrent;

namespace ActorShutdown.App.Service;

/// <summary>
/// The App's own account of the jobs, kept beside the actors so that the report can say what was completed:
/// every job a worker completed must be in the ledger file exactly once.
/// </summary>
internal sealed class JobBook
{
    private readonly ConcurrentDictionary<long, string> _completed = new();
    private readonly ConcurrentDictionary<long, string> _cancelled = new();
    private long _produced;

    /// <summary>Tells this run's lines in a ledger file that several runs append to.</summary>
    public string RunId { get; } = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}";

    public long Produced => Interlocked.Read(ref _produced);

    public int CompletedCount => _completed.Count;

    public int CancelledCount => _cancelled.Count;

    public long NextId() => Interlocked.Increment(ref _produced);

    public void Completed(Job job, string worker) => _completed.TryAdd(job.Id, worker);

    public void Cancelled(Job job, string worker) => _cancelled.TryAdd(job.Id, worker);

    public IReadOnlyList<long> CompletedIds => [.. _completed.Keys.Order()];

    public IReadOnlyList<long> CancelledIds => [.. _cancelled.Keys.Order()];
}
