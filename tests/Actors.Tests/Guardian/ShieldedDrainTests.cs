using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// A shielded actor finishes all its queued work before it stops: it never receives Cancel and its token is never
/// tripped; an unshielded one beside it is cancelled and its queue goes to dead letters.
/// </summary>
public sealed class ShieldedDrainTests() : GuardianTestKit
{
    private const int Queued = 1000;

    [Fact]
    public void A_shielded_actor_with_1000_queued_messages_processes_all_of_them_untouched()
    {
        var shieldedProbe = new Recorder();
        var plainProbe = new Recorder();
        var shielded = ActorOf(Worker.Props(shieldedProbe, TimeSpan.FromSeconds(2)), "shielded");
        var plain = ActorOf(Worker.Props(plainProbe, TimeSpan.FromSeconds(2)), "plain");
        Guardian.Shield(shielded);
        foreach (var actor in new[] { shielded, plain })
        {
            actor.Tell("work");   // a 2 s job that listens to its token; the messages queue behind it
            for (var i = 0; i < Queued; i++) actor.Tell(i);
        }
        Settle();

        var run = Begin(ShutdownReason.Unknown);
        // The unshielded one is cancelled at once: its job ends on its token, Cancel comes ahead of its queue.
        Assert.Equal("tripped", Next(plainProbe).What);
        Assert.Equal("cancel", Next(plainProbe).What);
        var plainStopped = Next(plainProbe);
        var report = RunToEnd(run);

        Assert.Equal("finished", Next(shieldedProbe).What);
        var shieldedStopped = Next(shieldedProbe);
        Assert.Equal(("stopped", Queued, false, false), (shieldedStopped.What, shieldedStopped.Count, shieldedStopped.Tripped, shieldedStopped.Cancelled));
        var outcome = report.For(shielded)!;
        Assert.Equal((true, ActorFate.Drained, 0, TimeSpan.FromSeconds(2)), (outcome.Shielded, outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));

        Assert.Equal((0, true), (plainStopped.Count, plainStopped.Cancelled));
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), (report.For(plain)!.Fate, report.For(plain)!.CancelAttempts, report.For(plain)!.StoppedAfter));
    }
}
