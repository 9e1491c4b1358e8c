using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The interval between attempts is <c>cancel-interval</c>, whatever it is set to.</summary>
public sealed class AttemptIntervalTests() : GuardianTestKit("""
    actors.shutdown-guardian.cancel-interval = 250ms
    actors.shutdown-guardian.max-cancel-attempts = 6
    """)
{
    [Fact]
    public void Attempts_follow_the_configured_interval()
    {
        var probe = new Recorder();
        var actor = Start(Resister.Props(probe, swallow: 4), "resister");
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        var seen = new List<Seen> { Next(probe) };
        for (var k = 2; k <= 5; k++)
        {
            Advance(TimeSpan.FromMilliseconds(250), armed: 2);
            seen.Add(Next(probe));
        }
        var report = Ended(run);

        Assert.Equal(Enumerable.Range(1, 5).Select(k => ("cancel", k, t0 + TimeSpan.FromMilliseconds(250 * (k - 1)))),
            seen.Select(s => (s.What, s.Attempt, s.At)));
        Assert.Equal((5, TimeSpan.FromSeconds(1)), (report.For(actor)!.CancelAttempts, report.For(actor)!.StoppedAfter));
    }
}
