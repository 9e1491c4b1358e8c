using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

/// <summary>
/// The meter is process-wide and tests run in parallel, so each assertion looks only at the
/// measurements it caused: a run's by its unique reason tag, a counter's by seeing at least its own.
/// </summary>
public sealed class ShutdownMetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly Harness _h = new();

    public ShutdownMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ActorShutdown") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_run_records_its_duration_once_in_seconds_with_its_reason_and_cleanliness()
    {
        var reason = TestReason.Unique();
        var shutdown = _h.Create([Phase("p", TimeSpan.FromSeconds(4))]);
        var started = Signal();
        shutdown.AddTask("p", "hangs", Hanging(started));

        var run = shutdown.Run(reason);
        await started.Task.WaitAsync(Guard);
        _h.Time.Advance(TimeSpan.FromSeconds(4));
        await run.WaitAsync(Guard);

        var recorded = Assert.Single(DurationsOf(reason));
        Assert.Equal(4.0, recorded.Value);
        Assert.Equal(false, recorded.Tags["actorshutdown.clean"]);
    }

    [Fact]
    public async Task A_failed_run_records_its_duration_too()
    {
        var reason = TestReason.Unique();
        var shutdown = _h.Create([Phase("p", recover: false)]);
        shutdown.AddTask("p", "bad", _ => throw new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => shutdown.Run(reason).WaitAsync(Guard));

        Assert.Equal(false, Assert.Single(DurationsOf(reason)).Tags["actorshutdown.clean"]);
    }

    [Fact]
    public void The_kernel_counters_are_published_on_the_meter()
    {
        ShutdownMetrics.RecordCancelAttempt();
        ShutdownMetrics.RecordEscalation();
        ShutdownMetrics.RecordAbandoned();
        ShutdownMetrics.RecordDeadLetter();

        foreach (var name in new[] { "actorshutdown.cancel.attempts", "actorshutdown.escalations", "actorshutdown.actors.abandoned", "actorshutdown.dead_letters" })
            Assert.Contains(_measurements, m => m.Instrument == name && m.Value == 1);
    }

    private IEnumerable<(string Instrument, double Value, Dictionary<string, object?> Tags)> DurationsOf(ShutdownReason reason) =>
        _measurements.Where(m => m.Instrument == "actorshutdown.shutdown.duration" && Equals(m.Tags["actorshutdown.reason"], reason.Name));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
}
