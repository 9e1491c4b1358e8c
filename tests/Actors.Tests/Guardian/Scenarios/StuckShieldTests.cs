using Akka.Actor;
using ActorShutdown.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// A shielded actor stuck for good (its thread blocked) outlasts the shield phase: the run still ends, and the
/// report must not call the actor running. Found by the random scenarios (a shielded <c>Chaos.BlocksThread</c>: seed
/// 611; seed 154, where its parent, held for it, was reported running too). The scenario runs release their blockers
/// before the last phase and tolerate it there, so this test keeps it apart.
/// </summary>
public sealed class StuckShieldTests(ITestOutputHelper output) : ShutdownTestKit("""
    akka.coordinated-shutdown.phases.service-stop.timeout = 2s
    # Akka times this phase out only once its timeout has passed in real time too (akka-facts §1): keep it short.
    akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 1s
    """, output)
{
    [Fact]
    public async Task A_shielded_actor_stuck_past_the_shield_phase_is_abandoned_not_running()
    {
        var stuck = Sys.ActorOf(Chaos.BlocksThread(), "stuck");
        Guardian.Shield(stuck);
        stuck.Tell("block");

        var report = await RunShutdown();

        var outcome = report.For(stuck)!;
        Assert.True(report.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop).TimedOut, report.ToString());
        Assert.False(report.Clean);
        // DESIGN §3: "With an actor blocked forever, Report still completes (the actor abandoned, the report not clean)".
        Assert.Equal(ActorFate.Abandoned, outcome.Fate);
    }
}
