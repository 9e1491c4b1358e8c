using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// Excluded actors (<c>Exclude</c>) are neither cancelled nor drained: they keep working through every phase and stop
/// with the system in the last one.
/// </summary>
public sealed class ExclusionTests() : GuardianTestKit
{
    [Fact]
    public void An_excluded_actor_keeps_working_until_the_system_stops_in_the_last_phase()
    {
        var probe = CreateTestProbe();
        var metrics = ActorOf(Worker.Props(probe), "metrics");
        var other = ActorOf(Resister.Props(CreateTestProbe(), swallow: 0), "other");
        Guardian.Exclude(metrics);
        // In the phase before the last, the excluded actor still answers.
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "ask-metrics", async token =>
            probe.Tell(await metrics.Ask<string>("ping", Timeout.InfiniteTimeSpan, token)));
        Settle();

        var run = Shutdown.Run(ShutdownReason.Unknown);
        for (var i = 0; i < 10; i++) metrics.Tell(i);   // work sent during the shutdown is done too
        var report = Ended(run);   // no time needs to pass

        Assert.Equal("pong", probe.ExpectMsg<string>());
        var stopped = probe.ExpectMsg<Seen>();
        Assert.Equal(("stopped", 10, false, false), (stopped.What, stopped.Count, stopped.Tripped, stopped.Cancelled));
        var outcome = report.For(metrics)!;
        Assert.Equal((true, false, 0, ActorFate.Stopped), (outcome.Excluded, outcome.Shielded, outcome.CancelAttempts, outcome.Fate));
        Assert.Equal(1, report.For(other)!.CancelAttempts);
        Assert.True(report.Clean, report.ToString());
    }
}
