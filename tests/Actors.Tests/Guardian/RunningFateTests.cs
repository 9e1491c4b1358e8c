using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>An actor still alive when the report is made (the last phase does not terminate the system) is Running.</summary>
public sealed class RunningFateTests() : GuardianTestKit("actors.coordinated-shutdown.terminate-actor-system = off")
{
    [Fact]
    public void An_excluded_actor_still_alive_at_the_end_of_the_run_is_reported_running()
    {
        var excluded = Start(Idle.Props, "excluded");
        var plain = Start(Idle.Props, "plain");
        Guardian.Exclude(excluded);

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        Assert.Equal((ActorFate.Running, TimeSpan.Zero), (report.For(excluded)!.Fate, report.For(excluded)!.StoppedAfter));
        Assert.Equal(ActorFate.Stopped, report.For(plain)!.Fate);
        Assert.Contains("1 running", report.ToString(), StringComparison.Ordinal);
        Assert.False(((ActorCell)excluded).IsTerminated);
    }

    [Fact]
    public void The_outcomes_are_those_of_the_moment_of_the_report_even_when_first_read_later()
    {
        var excluded = Start(Idle.Props, "excluded");
        Guardian.Exclude(excluded);
        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        // The guardian lives on (the system was not terminated) and records the actor's stop after the report.
        Watch(excluded);
        Sys.Stop(excluded);
        ExpectTerminated(excluded);
        AwaitCondition(() => Shutdown.GetProgress().ActorsLeft == 0);

        Assert.Equal((ActorFate.Running, TimeSpan.Zero), (report.For(excluded)!.Fate, report.For(excluded)!.StoppedAfter));
        Assert.True(report.Clean);
    }
}

