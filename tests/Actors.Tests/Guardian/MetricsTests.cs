using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Support;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The meter is process-wide: these tests run alone, so they can count exactly what their run recorded.</summary>
[CollectionDefinition(nameof(GuardianMetrics), DisableParallelization = true)]
public sealed class GuardianMetrics;

/// <summary>The guardian's counters on the meter <c>ActorShutdown</c>: cancel attempts, escalations, abandoned actors, dead letters.</summary>
[Collection(nameof(GuardianMetrics))]
public sealed class MetricsTests : GuardianTestKit
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Reason)> _measurements = new();

    public MetricsTests()
        : base("""
            actors.shutdown-guardian.cancel-interval = 1s
            actors.shutdown-guardian.max-cancel-attempts = 2
            actors.shutdown-guardian.escalation-timeout = 1s
            actors.coordinated-shutdown.phases.actor-system-terminate.timeout = 2s
            """)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ActorShutdown") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    [Fact]
    public void A_run_counts_each_attempt_escalation_abandonment_and_dead_letter()
    {
        using var release = new ManualResetEventSlim();
        using var releaseExcluded = new ManualResetEventSlim();
        try
        {
            var probe = new Recorder();
            var busyProbe = new Recorder();
            ActorOf(Idle.Props, "idle");                                    // 1 attempt
            ActorOf(Resister.Props(probe, swallow: 1), "resister");         // 2 attempts
            ActorOf(Resister.Props(probe), "stubborn");                     // 2 attempts, escalated
            var blocker = ActorOf(Chaos.BlocksThread(release), "blocker"); // 2 attempts, escalated, abandoned
            blocker.Tell("block");
            var busy = ActorOf(Worker.Props(busyProbe, TimeSpan.FromSeconds(10)), "busy");   // 1 attempt; its queue goes to dead letters
            busy.Tell("work");
            for (var i = 0; i < 5; i++) busy.Tell(i);
            var excluded = ActorOf(Chaos.BlocksThread(releaseExcluded), "excluded-blocker");   // abandoned by the last phase
            excluded.Tell("block");
            Guardian.Exclude(excluded);
            Settle(blocker, excluded);
            var reason = TestReason.Unique();
            _measurements.Clear();

            var run = Begin(reason);
            busyProbe.FishForMessage<Seen>(s => s.What == "stopped");   // its job ends on its token: wait before the clock moves
            var report = RunToEnd(run, busy: [blocker, excluded]);

            Assert.Equal(8, Total("actorshutdown.cancel.attempts"));
            Assert.Equal(2, Total("actorshutdown.escalations"));
            Assert.Equal(2, Total("actorshutdown.actors.abandoned"));
            Assert.True(Total("actorshutdown.dead_letters") >= 5, $"{Total("actorshutdown.dead_letters")} dead letters");
            var duration = Assert.Single(_measurements, m => m.Instrument == "actorshutdown.shutdown.duration" && m.Reason == reason.Name);
            Assert.Equal(report.Duration.TotalSeconds, duration.Value);
            Assert.Equal(8, report.Actors.Sum(a => a.CancelAttempts));   // the counter agrees with the report
        }
        finally
        {
            release.Set();
            releaseExcluded.Set();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _listener.Dispose();
    }

    private double Total(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? reason = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "actorshutdown.reason") reason = tag.Value as string;
        }
        _measurements.Enqueue((instrument.Name, value, reason));
    }
}
