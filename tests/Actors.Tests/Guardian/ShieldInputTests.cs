using ActorShutdown.Configuration;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>What <c>Shield</c>, <c>Unshield</c> and <c>Exclude</c> accept: actors under <c>/user</c> of the system, and positive bounds.</summary>
public sealed class ShieldInputTests() : GuardianTestKit
{
    [Fact]
    public async Task Actors_outside_user_are_rejected_with_ArgumentException()
    {
        var probe = new Recorder();
        await using var other = ActorSystem.Create("other", ConfigurationFactory.ParseString("""
            actors.coordinated-shutdown.run-by-signals = off
            actors.coordinated-shutdown.run-by-process-exit = off
            """));
        var foreign = other.ActorOf(Idle.Props, "foreign");

        foreach (var outsider in new[] { probe, TestActor, Sys.DeadLetters, foreign })
        {
            Assert.Throws<ArgumentException>(() => Guardian.Shield(outsider));
            Assert.Throws<ArgumentException>(() => Guardian.Unshield(outsider));
            Assert.Throws<ArgumentException>(() => Guardian.Exclude(outsider));
        }
        Assert.Throws<ArgumentNullException>(() => Guardian.Shield(null!));
    }

    [Fact]
    public void A_bound_that_is_not_positive_is_rejected_with_ArgumentOutOfRangeException()
    {
        var actor = Start(Idle.Props, "worker");

        Assert.Throws<ArgumentOutOfRangeException>(() => Guardian.Shield(actor, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guardian.Shield(actor, TimeSpan.Zero));
        Guardian.Shield(actor, Timeout.InfiniteTimeSpan);   // accepted: no bound
    }

    [Fact]
    public void A_bound_too_far_away_to_be_a_timer_is_simply_never_reached()
    {
        var probe = new Recorder();
        var year = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(5)), "a-year");
        var max = ActorOf(Worker.Props(probe, TimeSpan.FromSeconds(5)), "max");
        foreach (var worker in new[] { year, max }) worker.Tell("work");
        Guardian.Shield(year, TimeSpan.FromDays(365));
        Guardian.Shield(max, TimeSpan.MaxValue);
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        foreach (var worker in new[] { year, max })
            Assert.Equal((ActorFate.Drained, 0, TimeSpan.FromSeconds(5)), (report.For(worker)!.Fate, report.For(worker)!.CancelAttempts, report.For(worker)!.StoppedAfter));
        Assert.True(report.Clean, report.ToString());
    }
}
