using Akka.Configuration;

namespace ActorShutdown.TestKit.Tests;

public sealed class KitConfigTests
{
    private const string CancelTimeout = "akka.coordinated-shutdown.phases.service-requests-done.timeout";

    [Fact]
    public void The_cancel_phase_holds_the_default_schedule_and_one_interval_more() =>
        Assert.Equal(TimeSpan.FromSeconds(10 * 1 + 2 + 1), KitConfig.For(null).GetTimeSpan(CancelTimeout));

    [Fact]
    public void The_cancel_phase_follows_the_tests_schedule() =>
        Assert.Equal(TimeSpan.FromSeconds(4 * 2 + 1 + 2),
            KitConfig.For("akka.shutdown-guardian { cancel-interval = 2s, max-cancel-attempts = 4, escalation-timeout = 1s }").GetTimeSpan(CancelTimeout));

    [Fact]
    public void A_schedule_that_fits_akkas_default_leaves_the_phase_alone() =>
        Assert.False(KitConfig.For("akka.shutdown-guardian { cancel-interval = 500ms, max-cancel-attempts = 3, escalation-timeout = 1s }").HasPath(CancelTimeout));

    [Fact]
    public void A_cancel_phase_timeout_set_by_the_test_is_kept() =>
        Assert.Equal(TimeSpan.FromSeconds(2), KitConfig.For($"{CancelTimeout} = 2s").GetTimeSpan(CancelTimeout));

    [Fact]
    public void A_longer_configured_timeout_is_kept() =>
        Assert.Equal(TimeSpan.FromSeconds(60),
            KitConfig.For("akka.coordinated-shutdown.default-phase-timeout = 60s").GetTimeSpan("akka.coordinated-shutdown.phases.service-requests-done.timeout", TimeSpan.FromSeconds(60)));

    [Fact]
    public void A_bad_guardian_setting_is_a_configuration_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => KitConfig.For("akka.shutdown-guardian.max-cancel-attempts = 0"));
        Assert.Contains("akka.shutdown-guardian.max-cancel-attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduler_other_than_the_test_scheduler_is_a_configuration_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => KitConfig.For("akka.scheduler.implementation = \"Akka.Actor.HashedWheelTimerScheduler, Akka\""));
        Assert.Contains("akka.scheduler.implementation", error.Message, StringComparison.Ordinal);
    }
}
