using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// After <c>max-cancel-attempts</c> an actor still alive one interval after its last attempt is escalated, with
/// <c>kill</c> (default) or <c>stop</c>; its fate is Escalated.
/// </summary>
public abstract class EscalationTests(string escalation) : GuardianTestKit($"""
    actors.shutdown-guardian.cancel-interval = 1s
    actors.shutdown-guardian.max-cancel-attempts = 3
    actors.shutdown-guardian.escalation = {escalation}
    """)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void An_actor_that_resists_every_attempt_is_escalated_one_interval_after_the_last()
    {
        var probe = new Recorder();
        var actor = Start(Resister.Props(probe), "stubborn");
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        var attempts = new List<Seen> { Next(probe) };
        for (var k = 2; k <= 3; k++)
        {
            Advance(Interval, armed: 2);
            attempts.Add(Next(probe));
        }
        Advance(TimeSpan.FromSeconds(0.9), armed: 2);
        Settle();
        ExpectNothing(probe);   // not escalated before its time
        Advance(TimeSpan.FromSeconds(0.1));
        var stopped = Next(probe);
        var report = Ended(run);

        Assert.Equal([(1, t0), (2, t0 + Interval), (3, t0 + 2 * Interval)], attempts.Select(a => (a.Attempt, a.At)));
        Assert.Equal(("stopped", t0 + 3 * Interval), (stopped.What, stopped.At));   // no fourth attempt before it
        var outcome = report.For(actor)!;
        Assert.Equal((ActorFate.Escalated, 3, 3 * Interval), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        Assert.Contains(Logs.Lines, l => l.Message.Contains("/user/stubborn resisted 3 cancel requests; escalating", StringComparison.Ordinal));
    }


    [Fact]
    public void An_actor_already_stopping_on_its_own_is_not_escalated_and_records_no_failure()
    {
        var probe = new Recorder();
        // Stops on its first Cancel, then waits 4 s for its child, whose job ignores the token.
        var parent = ActorOf(Parent.Props(probe, swallow: 0, ("slow", Worker.Props(new Recorder(), TimeSpan.FromSeconds(4), jobHearsToken: false))), "parent");
        var slow = probe.ExpectMsg<IActorRef>();
        slow.Tell("work");
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        var outcome = report.For(parent)!;
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.FromSeconds(4)), (outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        Assert.Null(outcome.Failure);
        Assert.Equal(ActorFate.Stopped, report.For(slow)!.Fate);
        Assert.Null(report.For(slow)!.Failure);
        Assert.DoesNotContain(Logs.Lines, l => l.Message.Contains("escalating", StringComparison.Ordinal));
    }
}

public sealed class EscalationByKillTests() : EscalationTests("kill");

public sealed class EscalationByStopTests() : EscalationTests("stop");
