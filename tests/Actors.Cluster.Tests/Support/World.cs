namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>
/// What every node of a test shares: the log of entity events in one global order, the gate held work waits for,
/// and the run's id (persistence ids are unique per test, the journal being shared by the process).
/// </summary>
public sealed class World
{
    public const string Started = "started";
    public const string Stopped = "stopped";

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Entry> _log = [];

    public string RunId { get; } = Guid.NewGuid().ToString("N");

    public Task Gate => _gate.Task;

    public void OpenGate() => _gate.TrySetResult();

    /// <summary>Records an event; the log's order is the global order of the calls.</summary>
    public void Record(string entityId, string node, string what)
    {
        lock (_log) _log.Add(new Entry(entityId, node, what));
    }

    public IReadOnlyList<Entry> Log
    {
        get
        {
            lock (_log) return [.. _log];
        }
    }

    /// <summary>The most instances of one entity alive at once, over the whole log.</summary>
    public int MostLiveInstances()
    {
        var live = new Dictionary<string, int>();
        var most = 0;
        foreach (var entry in Log)
        {
            live.TryGetValue(entry.EntityId, out var n);
            if (entry.What == Started) n++;
            else if (entry.What == Stopped) n--;
            live[entry.EntityId] = n;
            most = Math.Max(most, n);
        }
        return most;
    }

    /// <summary>The entities alive on <paramref name="node"/> now.</summary>
    public IReadOnlyCollection<string> LiveOn(string node)
    {
        var live = new HashSet<string>();
        foreach (var entry in Log.Where(e => e.Node == node))
        {
            if (entry.What == Started) live.Add(entry.EntityId);
            else if (entry.What == Stopped) live.Remove(entry.EntityId);
        }
        return live;
    }

    public sealed record Entry(string EntityId, string Node, string What);
}
