using System.Diagnostics.Tracing;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// Samples the runtime's allocation ticks (one per ~100 KB allocated) by type while a scenario shuts down, so
/// <c>BENCH_ALLOCS=1</c> shows what the shutdown path allocates without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = [];
    private volatile bool _recording;

    public void Start() => _recording = true;

    public IEnumerable<(string Type, long Bytes)> Stop()
    {
        _recording = false;
        lock (_bytes) return [.. _bytes.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value))];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        // The GC keyword at verbose level carries GCAllocationTick.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }
}
