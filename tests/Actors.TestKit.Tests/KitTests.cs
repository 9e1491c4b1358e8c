using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit.Tests;

public sealed class KitTests(ITestOutputHelper output) : ShutdownTestKit("akka.shutdown-guardian.cancel-interval = 3s", output)
{
    [Fact]
    public void The_system_runs_on_the_test_scheduler()
    {
        Assert.Same(Sys.Scheduler, Scheduler);
        Assert.IsType<TestScheduler>(Sys.Scheduler);
    }

    [Fact]
    public void Signals_and_process_exit_are_left_to_the_test_process()
    {
        var config = Sys.Settings.Config;
        Assert.False(config.GetBoolean("akka.shutdown-guardian.run-by-signals"));
        Assert.False(config.GetBoolean("akka.shutdown-guardian.exit-process"));
        Assert.False(config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
    }

    [Fact]
    public void The_tests_own_config_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Sys.Settings.Config.GetTimeSpan("akka.shutdown-guardian.cancel-interval"));
    }

    [Fact]
    public void The_guardian_is_loaded()
    {
        Assert.True(Sys.HasExtension<ShutdownGuardian>());
        Assert.Same(ShutdownGuardian.Get(Sys), Guardian);
    }

    [Fact]
    public void Probes_live_outside_user_where_the_guardian_never_cancels()
    {
        Assert.Equal("system", TestActor.Path.Elements[0]);
        Assert.Equal("system", CreateTestProbe().Ref.Path.Elements[0]);
    }

    [Fact]
    public void The_systems_mailbox_runs_are_counted()
    {
        // Fails loudly if Akka stops building the kit's executor (an [InternalApi] extension point) from config.
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        echo.Tell("ping");
        ExpectMsg("ping");
        Assert.True(SystemWork.Of(Sys).Counted);
        AwaitCondition(() => SystemWork.Of(Sys).Busy == 0);
    }

    [Fact]
    public void The_next_due_time_is_read_from_the_scheduler()
    {
        // Fails loudly if Akka.TestKit's TestScheduler keeps its schedule differently (read by reflection).
        var now = Scheduler.Now;
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "late", ActorRefs.NoSender);
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "early", ActorRefs.NoSender);

        Assert.Equal(now + TimeSpan.FromSeconds(2), SchedulerQueue.NextDue(Scheduler));
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("early");
        ExpectMsg("late");
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
