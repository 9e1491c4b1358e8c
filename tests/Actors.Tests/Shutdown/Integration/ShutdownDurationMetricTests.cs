using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// The meter <c>ActorShutdown</c> records a system's shutdown duration once per run. Meters are process-wide
/// and tests run in parallel, so the listener keeps only the measurements tagged with this test's reason.
/// </summary>
public sealed class ShutdownDurationMetricTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task One_measurement_per_run_with_the_runs_duration_reason_and_cleanliness()
    {
        var reason = TestReason.Unique();
        var measured = new ConcurrentQueue<(double Seconds, object? Clean)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: "ActorShutdown", Name: "actorshutdown.shutdown.duration" }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var byName = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(byName.GetValueOrDefault("actorshutdown.reason"), reason.Name))
                measured.Enqueue((value, byName.GetValueOrDefault("actorshutdown.clean")));
        });
        listener.Start();
        var shutdown = CoordinatedShutdown.Get(Sys);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "takes-3s", token =>
        {
            var delay = Task.Delay(TimeSpan.FromSeconds(3), Sys.Time, token);
            waiting.TrySetResult();
            return delay;
        });

        var run = shutdown.Run(reason);
        await waiting.Task.WaitAsync(Harness.Guard);
        Time.Advance(TimeSpan.FromSeconds(3));
        var report = await run.WaitAsync(Harness.Guard);
        await Sys.Terminate().WaitAsync(Harness.Guard);
        _ = shutdown.Run(reason);

        var measurement = Assert.Single(measured);
        Assert.Equal(TimeSpan.FromSeconds(3), report.Duration);
        Assert.Equal(3.0, measurement.Seconds);
        Assert.Equal(true, measurement.Clean);
    }
}
