using Akka.Actor;

namespace ActorShutdown.Hosting.Tests;

/// <summary>Phase timeouts fitted to the cancel schedule and to the deadline the host's ShutdownTimeout gives.</summary>
public sealed class PhaseTimeoutTests : IDisposable
{
    private static readonly string[] Phases =
    [
        "before-service-unbind", "service-unbind", "service-requests-done", "service-stop", "before-cluster-shutdown",
        "cluster-sharding-shutdown-region", "cluster-leave", "cluster-exiting", "cluster-exiting-done", "cluster-shutdown",
        "before-actor-system-terminate", "actor-system-terminate",
    ];

    [Fact]
    public async Task With_time_to_spare_the_cancel_and_shield_phases_are_lengthened_to_fit_the_cancel_schedule()
    {
        using var host = TestHosts.Build(TimeSpan.FromMinutes(10));
        await host.StartAsync();

        var shutdown = CoordinatedShutdown.Get(host.System());
        // The default schedule: 10 attempts × 1 s + 2 s escalation timeout.
        Assert.Equal(TimeSpan.FromSeconds(12), shutdown.Timeout("service-requests-done"));
        Assert.Equal(TimeSpan.FromSeconds(12), shutdown.Timeout("service-stop"));
        Assert.Equal(TimeSpan.FromSeconds(5), shutdown.Timeout("before-service-unbind"));
        Assert.Equal(TimeSpan.FromSeconds(10), shutdown.Timeout("actor-system-terminate"));
        Assert.Equal(TimeSpan.FromMinutes(9), host.System().Settings.Config.GetTimeSpan("akka.shutdown-guardian.deadline"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_short_host_timeout_scales_every_phase_down_to_fit_90_percent_of_it()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10));
        await host.StartAsync();

        var shutdown = CoordinatedShutdown.Get(host.System());
        var total = Phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + shutdown.Timeout(phase));
        Assert.True(total <= TimeSpan.FromSeconds(9), $"the phases add up to {total}");
        Assert.True(shutdown.Timeout("actor-system-terminate") >= TimeSpan.FromSeconds(9) / 5);
        Assert.True(shutdown.Timeout("service-requests-done") > shutdown.Timeout("before-service-unbind"));
        Assert.Equal(TimeSpan.FromSeconds(9), host.System().Settings.Config.GetTimeSpan("akka.shutdown-guardian.deadline"));
        await host.StopAsync();
    }

    [Fact]
    public void Scaling_keeps_the_proportions_and_the_sum_within_the_deadline()
    {
        var fitted = PhaseBudget.Fit(Timeouts(("a", 5), ("b", 5), ("actor-system-terminate", 10)), "a", "b", TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(20));

        Assert.Equal(fitted["a"], fitted["b"]);
        Assert.True(fitted.Values.Aggregate(TimeSpan.Zero, (s, t) => s + t) <= TimeSpan.FromSeconds(20));
        Assert.InRange(fitted["actor-system-terminate"].TotalSeconds, 5.8, 5.9);   // 10 × 20/34
        Assert.InRange(fitted["a"].TotalSeconds, 7.0, 7.1);                         // 12 × (20 − 5.88)/24
    }

    [Fact]
    public void Actor_system_terminate_keeps_a_fifth_of_the_deadline()
    {
        var fitted = PhaseBudget.Fit(Timeouts(("a", 5), ("actor-system-terminate", 10)), "a", "a", TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(2), fitted["actor-system-terminate"]);
        Assert.Equal(TimeSpan.FromSeconds(8), fitted["a"]);
    }

    [Fact]
    public void Within_the_deadline_nothing_but_the_schedule_changes()
    {
        var fitted = PhaseBudget.Fit(Timeouts(("a", 5), ("b", 5), ("actor-system-terminate", 10)), "a", "a", TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(60));

        Assert.Equal(Timeouts(("a", 7), ("b", 5), ("actor-system-terminate", 10)), fitted);
    }

    private static Dictionary<string, TimeSpan> Timeouts(params (string Phase, double Seconds)[] phases) =>
        phases.ToDictionary(p => p.Phase, p => TimeSpan.FromSeconds(p.Seconds));

    public void Dispose() => Environment.ExitCode = 0;
}
