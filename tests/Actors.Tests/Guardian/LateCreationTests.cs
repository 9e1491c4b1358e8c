using ActorShutdown.TestKit;
using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// Actors created after the cancel phase began are cancelled as soon as they start, unless created under a
/// protected actor; actors outside <c>/user</c> are never the guardian's business.
/// </summary>
public sealed class LateCreationTests() : GuardianTestKit("actors.shutdown-guardian.cancel-interval = 1s")
{
    [Fact]
    public void An_actor_created_during_the_cancel_phase_gets_its_own_attempts_from_its_start()
    {
        Start(Resister.Props(new Recorder(), swallow: 5), "holds-the-cancel-phase");
        var t0 = Now;
        var run = Begin(ShutdownReason.Unknown);
        Advance(TimeSpan.FromSeconds(1.5), armed: 2);
        Settle();

        var probe = new Recorder();
        var late = ActorOf(Resister.Props(probe, swallow: 1), "late");
        var first = Next(probe);
        Advance(TimeSpan.FromSeconds(1), armed: 2);
        var second = Next(probe);
        var report = RunToEnd(run);

        Assert.Equal((1, t0 + TimeSpan.FromSeconds(1.5)), (first.Attempt, first.At));
        Assert.Equal((2, t0 + TimeSpan.FromSeconds(2.5)), (second.Attempt, second.At));
        Assert.Equal((2, TimeSpan.FromSeconds(2.5)), (report.For(late)!.CancelAttempts, report.For(late)!.StoppedAfter));
    }

    [Fact]
    public void Children_spawned_while_stopping_are_cancelled_at_once_and_reported()
    {
        var probe = new Recorder();
        var spawner = Start(Props.Create(() => new SpawnsOnFirstCancel(probe)), "spawner");
        var t0 = Now;

        var run = Begin(ShutdownReason.Unknown);
        // Each child's Cancel and stop, before the spawner's second attempt.
        var children = probe.ReceiveN(4).Cast<Seen>().Where(s => s.What == "cancel").ToList();
        var report = RunToEnd(run);

        Assert.Equal(2, children.Count);
        Assert.All(children, c => Assert.Equal((1, t0), (c.Attempt, c.At)));
        Assert.Equal(3, report.Actors.Count);
        Assert.All(report.Actors.Where(a => a.Path.StartsWith("/user/spawner/", StringComparison.Ordinal)),
            a => Assert.Equal((1, ActorFate.Stopped), (a.CancelAttempts, a.Fate)));
        Assert.Equal(2, report.For(spawner)!.CancelAttempts);
    }

    [Fact]
    public void The_chaos_spawner_s_children_are_reported()
    {
        var probe = new Recorder();
        Start(Chaos.SpawnsChildrenWhileStopping(3, probe), "spawner");

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        Assert.Equal(["/user/spawner", "/user/spawner/spawned-1-0", "/user/spawner/spawned-1-1", "/user/spawner/spawned-1-2"],
            report.Actors.Select(a => a.Path).Order());
        Assert.All(report.Actors, a => Assert.Equal(ActorFate.Stopped, a.Fate));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public void A_child_created_under_a_shielded_actor_during_shutdown_is_drained_not_cancelled()
    {
        var probe = new Recorder();
        var nest = ActorOf(Props.Create(() => new SpawnsAfterTwoSeconds(probe)), "nest");
        Guardian.Shield(nest);
        nest.Tell("work");
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        var child = probe.ExpectMsg<IActorRef>();
        var stopped = probe.FishForMessage<Seen>(s => s.What == "stopped" && s.Path == child.Path.ToString());
        Assert.Equal((10, false, false), (stopped.Count, stopped.Tripped, stopped.Cancelled));
        var outcome = report.For(child)!;
        Assert.Equal((true, 0, ActorFate.Drained), (outcome.Shielded, outcome.CancelAttempts, outcome.Fate));
    }

    [Fact]
    public void Actors_created_outside_user_during_shutdown_are_left_alone()
    {
        Start(Resister.Props(new Recorder(), swallow: 5), "holds-the-cancel-phase");
        var run = Begin(ShutdownReason.Unknown);
        Settle();

        var probe = CreateTestProbe("created-during-shutdown");   // an actor under /system
        Settle();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));   // a Cancel would show up here
        var report = RunToEnd(run);

        Assert.DoesNotContain(report.Actors, a => !a.Path.StartsWith("/user/", StringComparison.Ordinal));
        Assert.Null(report.For(probe));
    }

    /// <summary>On its first Cancel, spawns two children that report their own Cancel; stops on the second.</summary>
    private sealed class SpawnsOnFirstCancel : ReceiveActor
    {
        public SpawnsOnFirstCancel(IActorRef probe) =>
            Receive<Cancel>(c =>
            {
                if (c.Attempt == 1)
                {
                    for (var i = 0; i < 2; i++) Context.ActorOf(Resister.Props(probe, swallow: 0), $"child-{i}");
                }
                else
                {
                    Context.Stop(Self);
                }
            });
    }

    /// <summary>"work": after 2 s, creates a counting child and sends it 10 messages.</summary>
    private sealed class SpawnsAfterTwoSeconds : ReceiveActor
    {
        public SpawnsAfterTwoSeconds(IActorRef probe) =>
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2), Context.System.Time, Context.CancellationToken);
                var child = Context.ActorOf(Worker.Props(probe), "late-child");
                probe.Tell(child);
                for (var i = 0; i < 10; i++) child.Tell(i);
            });
    }
}
