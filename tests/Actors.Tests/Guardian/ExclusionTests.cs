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
        var probe = new Recorder();
        var metrics = ActorOf(Worker.Props(probe), "metrics");
        var other = ActorOf(Resister.Props(new Recorder(), swallow: 0), "other");
        Guardian.Exclude(metrics);
        // Work sent to it while the others are being cancelled is done too...
        Shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "send-work", _ =>
        {
            for (var i = 0; i < 10; i++) metrics.Tell(i);
            return Task.CompletedTask;
        });
        // ...and in the phase before the last it still answers (after that work: its mailbox is in order).
        Shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "ask-metrics", async token =>
            probe.Tell(await metrics.Ask<string>("ping", Timeout.InfiniteTimeSpan, token)));
        Settle();

        var report = Ended(Begin(ShutdownReason.Unknown));   // no time needs to pass

        Assert.Equal("pong", probe.ExpectMsg<string>());
        var stopped = Next(probe);
        Assert.Equal(("stopped", 10, false, false), (stopped.What, stopped.Count, stopped.Tripped, stopped.Cancelled));
        var outcome = report.For(metrics)!;
        Assert.Equal((true, false, 0, ActorFate.Stopped), (outcome.Excluded, outcome.Shielded, outcome.CancelAttempts, outcome.Fate));
        Assert.Equal(1, report.For(other)!.CancelAttempts);
        Assert.True(report.Clean, report.ToString());
    }
}
