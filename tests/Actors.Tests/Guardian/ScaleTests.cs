using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The guardian handles many actors with one timer, not one per actor.</summary>
public sealed class ScaleTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    private const int Count = 10_000;

    [Fact]
    public void Ten_thousand_actors_resisting_once_are_cancelled_without_per_actor_timers()
    {
        var cancels = new int[3];
        for (var i = 0; i < Count; i++) ActorOf(Props.Create(() => new ResistsOnce(cancels)), $"idle-{i}");
        Settle();

        var run = Begin(ShutdownReason.Unknown);
        // Every actor has swallowed attempt 1 and waits for attempt 2: 10,000 attempts pending on the guardian's schedule.
        var mostTimers = 0;
        AwaitCondition(() =>
        {
            mostTimers = Math.Max(mostTimers, Time.ActiveTimers);
            return Volatile.Read(ref cancels[1]) == Count;
        });
        Settle();
        mostTimers = Math.Max(mostTimers, Time.ActiveTimers);
        OffTestThread(() => Time.Advance(TimeSpan.FromSeconds(1)));
        var report = Ended(run);

        Assert.True(mostTimers <= 2, $"{mostTimers} timers armed: the phase's timeout and the guardian's one timer expected");
        Assert.Equal(Count, Volatile.Read(ref cancels[2]));
        Assert.Equal(Count, report.Actors.Count);
        Assert.All(report.Actors, a => Assert.Equal((ActorFate.Stopped, 2, TimeSpan.FromSeconds(1)), (a.Fate, a.CancelAttempts, a.StoppedAfter)));
    }

    /// <summary>Counts each attempt it gets (in <c>cancels[attempt]</c>); stops on the second.</summary>
    private sealed class ResistsOnce : ReceiveActor
    {
        public ResistsOnce(int[] cancels) =>
            Receive<Cancel>(c =>
            {
                Interlocked.Increment(ref cancels[Math.Min(c.Attempt, 2)]);
                if (c.Attempt > 1) Context.Stop(Self);
            });
    }
}
