using Akka.Actor;
using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

/// <summary>The cancel loop: attempt k at t0 + (k−1)·interval, escalation one interval after the last, in virtual time.</summary>
public sealed class CancelLoopTests() : GuardianKit
{
    [Fact]
    public async Task Idle_actors_stop_at_the_first_attempt_and_the_run_is_clean()
    {
        var actors = Enumerable.Range(0, 5).Select(i => Start(Idle.Props, $"idle-{i}")).ToList();
        var parent = Start(Props.Create(() => new Parent(Idle.Props)), "parent");

        var report = await RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.All(actors.Append(parent), a => Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), (Outcome(report, a).Fate, Outcome(report, a).CancelAttempts, Outcome(report, a).StoppedAfter)));
        Assert.Equal(["/user/parent/a", "/user/parent/b"], report.Actors.Select(a => a.Path).Where(p => p.StartsWith("/user/parent/", StringComparison.Ordinal)).Order());
        Assert.Equal(8, report.Actors.Count);
        Assert.True(report.Clean, report.ToString());
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(0, Guardian.Progress.ActorsLeft);
        Assert.Null(Guardian.Progress.Phase);
    }

    [Fact]
    public async Task A_plain_actor_awaiting_its_token_is_interrupted_mid_await_then_restarted_by_Akka_and_stopped()
    {
        var awaiter = Start(Props.Create(() => new PlainAwaiter(TestActor)), "awaiter");
        awaiter.Tell("work");

        var report = await RunShutdown();

        ExpectMsg("interrupted");
        ExpectMsg("restarted");   // Akka's supervision: a cancelled task is a failure of a plain actor
        Assert.Equal((ActorFate.Stopped, 1), (Outcome(report, awaiter).Fate, Outcome(report, awaiter).CancelAttempts));
    }

    [Fact]
    public async Task A_cancellable_actor_awaiting_its_token_is_interrupted_mid_await_without_a_restart()
    {
        var awaiter = Start(Props.Create(() => new CancellableAwaiter(TestActor)), "awaiter");
        awaiter.Tell("work");

        var report = await RunShutdown();

        ExpectMsg("interrupted");
        Assert.Equal((ActorFate.Stopped, 1, TimeSpan.Zero), (Outcome(report, awaiter).Fate, Outcome(report, awaiter).CancelAttempts, Outcome(report, awaiter).StoppedAfter));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));   // no "restarted"
    }

    [Fact]
    public async Task Attempts_follow_the_interval_and_a_resister_stops_at_the_attempt_it_takes()
    {
        var resister = Start(Chaos.SwallowsCancels(2), "resister");

        var report = await RunShutdown();

        Assert.Equal((ActorFate.Stopped, 3, 2 * Interval), (Outcome(report, resister).Fate, Outcome(report, resister).CancelAttempts, Outcome(report, resister).StoppedAfter));
        Assert.True(report.Clean);
    }

    [Fact]
    public async Task An_actor_ignoring_every_attempt_is_escalated_one_interval_after_the_last_and_the_run_stays_clean()
    {
        var stubborn = Start(Chaos.IgnoresCancel(), "stubborn");

        var report = await RunShutdown(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.Equal((ActorFate.Escalated, 3, 3 * Interval), (Outcome(report, stubborn).Fate, Outcome(report, stubborn).CancelAttempts, Outcome(report, stubborn).StoppedAfter));
        Assert.True(report.Clean, report.ToString());
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task The_run_reason_is_the_cancels_reason()
    {
        var probe = CreateTestProbe();
        Start(Props.Create(() => new Forwarder(probe)), "forwarder");

        await RunShutdown(new SignalReason(System.Runtime.InteropServices.PosixSignal.SIGTERM));

        var cancel = probe.ExpectMsg<Cancel>();
        Assert.Equal(1, cancel.Attempt);
        Assert.Equal("SIGTERM", cancel.Reason.ToString());
    }

    [Fact]
    public async Task Actors_created_during_the_run_are_cancelled_when_the_next_walk_sees_them()
    {
        Start(Props.Create(() => new LateSpawner()), "spawner");

        var report = await RunShutdown();

        var late = Assert.Single(report.Actors, a => a.Path == "/user/late");
        Assert.Equal((ActorFate.Stopped, 1, Interval), (late.Fate, late.CancelAttempts, late.StoppedAfter));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef probe) => Receive<Cancel>(c =>
        {
            probe.Tell(c);
            Context.Stop(Self);
        });
    }
}
