using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit.Tests;

public sealed class ChaosTests(ITestOutputHelper output) : ShutdownTestKit(output: output)
{
    private static Cancel Attempt(int attempt) => new(attempt, CoordinatedShutdown.UnknownReason.Instance);

    /// <summary>Whether <paramref name="actor"/> is alive once it has handled everything sent to it before.</summary>
    private bool Alive(IActorRef actor)
    {
        actor.Tell(new Identify(null), TestActor);
        return ExpectMsg<ActorIdentity>().Subject is not null;
    }

    [Fact]
    public void IgnoresCancel_survives_every_attempt()
    {
        var actor = Sys.ActorOf(Chaos.IgnoresCancel());
        Watch(actor);
        for (var attempt = 1; attempt <= 20; attempt++) actor.Tell(Attempt(attempt));

        Assert.True(Alive(actor));
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void SwallowsCancels_resists_its_count_then_stops_on_the_next()
    {
        var actor = Sys.ActorOf(Chaos.SwallowsCancels(2));
        Watch(actor);
        actor.Tell(Attempt(1));
        actor.Tell(Attempt(2));
        Assert.True(Alive(actor));

        actor.Tell(Attempt(3));
        ExpectTerminated(actor);
    }

    [Fact]
    public void SwallowsCancels_zero_stops_on_the_first()
    {
        var actor = Sys.ActorOf(Chaos.SwallowsCancels(0));
        Watch(actor);
        actor.Tell(Attempt(1));
        ExpectTerminated(actor);
    }

    [Fact]
    public void SwallowsCancels_refuses_a_negative_count() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Chaos.SwallowsCancels(-1));

    [Fact]
    public void SlowCleanup_stops_once_its_cleanup_has_taken_its_time()
    {
        var actor = Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromSeconds(5), Time));
        Watch(actor);
        var start = Scheduler.Now;
        actor.Tell(Attempt(1));
        AwaitCondition(() => SchedulerQueue.NextDue(Scheduler) == start + TimeSpan.FromSeconds(5));   // the cleanup is waiting

        Scheduler.Advance(TimeSpan.FromMilliseconds(4999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        ExpectTerminated(actor);
    }

    [Fact]
    public void SlowCleanup_is_cut_short_by_the_next_cancel_request()
    {
        var actor = Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromSeconds(5), Time));
        Watch(actor);
        var start = Scheduler.Now;
        Guardian.Cancel(actor);
        AwaitCondition(() => SchedulerQueue.NextDue(Scheduler) == start + TimeSpan.FromSeconds(5));   // the cleanup is waiting

        Guardian.Cancel(actor);   // trips the cleanup's token: no time passes

        ExpectTerminated(actor);
        Assert.Equal(start, Scheduler.Now);
    }

    [Fact]
    public void ThrowsInCleanup_throws_in_its_cleanup_and_stops_all_the_same()
    {
        var actor = Sys.ActorOf(Chaos.ThrowsInCleanup());
        Watch(actor);

        EventFilter.Exception<InvalidOperationException>(contains: "Chaos.ThrowsInCleanup").ExpectOne(() => actor.Tell(Attempt(1)));
        ExpectTerminated(actor);
    }

    [Fact]
    public void BlocksThread_holds_its_thread_until_released()
    {
        var actor = Sys.ActorOf(Chaos.BlocksThread());
        Watch(actor);
        actor.Tell("anything");
        AwaitCondition(() => SystemWork.Of(Sys).Blocked == 1);
        Sys.Stop(actor);   // a system message: handled only once the blocked handler returns
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Chaos.Release(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void BlocksThread_blocks_on_a_cancel_too()
    {
        var actor = Sys.ActorOf(Chaos.BlocksThread());
        Watch(actor);
        actor.Tell(Attempt(1));
        AwaitCondition(() => SystemWork.Of(Sys).Blocked == 1);
        Sys.Stop(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Chaos.Release(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void BlocksThread_released_before_its_first_message_never_blocks()
    {
        var actor = Sys.ActorOf(Chaos.BlocksThread());
        Chaos.Release(actor);
        actor.Tell("anything");

        Assert.True(Alive(actor));
    }
}
