using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The meter and the activity source named ActorShutdown.</summary>
public sealed class TelemetryTests() : GuardianKit
{
    [Fact]
    public async Task A_run_records_its_cancel_requests_escalations_and_durations_and_traces_its_phases()
    {
        var measured = new ConcurrentDictionary<string, double>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ActorShutdown") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        meters.Start();
        var activities = new ConcurrentBag<string>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ActorShutdown",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => activities.Add(activity.OperationName),
        };
        ActivitySource.AddActivityListener(traces);
        // Other tests in this process may run shutdowns too, but not at the same time: this assembly runs one test at a time.
        Start(Chaos.IgnoresCancel(), "stubborn");
        Start(Idle.Props, "idle");

        var report = await RunShutdown();

        Assert.Equal(ActorFate.Escalated, report.Actors.Single(a => a.Path == "/user/stubborn").Fate);
        Assert.True(measured.GetValueOrDefault("actorshutdown.cancel.requests") >= 4);   // 3 to the stubborn one, 1 to the idle one
        Assert.True(measured.GetValueOrDefault("actorshutdown.escalations") >= 1);
        Assert.True(measured.ContainsKey("actorshutdown.shutdown.duration"));
        Assert.True(measured.ContainsKey("actorshutdown.phase.duration"));
        Assert.Contains("shutdown", activities);
        Assert.Contains("service-requests-done", activities);
    }
}
