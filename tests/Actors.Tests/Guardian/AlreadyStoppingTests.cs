using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>An actor already stopping when the scope is taken is watched and reported, not cancelled.</summary>
public sealed class AlreadyStoppingTests() : GuardianTestKit
{
    [Fact]
    public void An_actor_stopping_when_the_scope_is_taken_gets_no_cancel_and_is_reported_when_it_stops()
    {
        var probe = new Recorder();
        // Its 3 s job ignores the token, so the stop requested below waits for it.
        var lingering = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(3), jobHearsToken: false), "lingering");
        lingering.Tell("work");
        Settle();
        OffTestThread(() => Sys.Stop(lingering));
        Settle();

        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(2.9), armed: 2);   // the cancel phase's timeout and the job
        Settle();
        ExpectNothing(probe);
        Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("finished", Next(probe).What);
        var stopped = Next(probe);
        var report = Ended(run);
        Assert.Equal(("stopped", false), (stopped.What, stopped.Cancelled));
        var outcome = report.For(lingering)!;
        Assert.Equal((ActorFate.Stopped, 0, TimeSpan.FromSeconds(3)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        // The cancel phase waited for it.
        Assert.Equal(TimeSpan.FromSeconds(3), report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceRequestsDone).Duration);
    }
}
