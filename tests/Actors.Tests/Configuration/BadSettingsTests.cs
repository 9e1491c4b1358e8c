using Akka.Actor;
using Akka.Configuration;
using ActorShutdown;

namespace ActorShutdown.Tests.Configuration;

/// <summary>A bad value under akka.shutdown-guardian is refused when the guardian loads, naming the key.</summary>
public sealed class BadSettingsTests
{
    [Theory]
    [InlineData("max-cancel-attempts = -1", "akka.shutdown-guardian.max-cancel-attempts", "between 1 and")]
    [InlineData("max-cancel-attempts = ten", "akka.shutdown-guardian.max-cancel-attempts", "whole number")]
    [InlineData("cancel-interval = banana", "akka.shutdown-guardian.cancel-interval", "duration")]
    [InlineData("cancel-interval = 0s", "akka.shutdown-guardian.cancel-interval", "> 0")]
    [InlineData("escalation-timeout = -2s", "akka.shutdown-guardian.escalation-timeout", "> 0")]
    [InlineData("escalation = explode", "akka.shutdown-guardian.escalation", "stop, kill")]
    [InlineData("cancel-phase = no-such-phase", "akka.shutdown-guardian.cancel-phase", "no-such-phase")]
    [InlineData("shield-phase = \"\"", "akka.shutdown-guardian.shield-phase", "empty")]
    [InlineData("shield-timeout = forever", "akka.shutdown-guardian.shield-timeout", "infinite")]
    [InlineData("deadline = soon", "akka.shutdown-guardian.deadline", "off")]
    [InlineData("run-by-signals = maybe", "akka.shutdown-guardian.run-by-signals", "on or off")]
    [InlineData("unclean-exit-code = 300", "akka.shutdown-guardian.unclean-exit-code", "between 1 and 255")]
    [InlineData("shielded-paths = \"/user/a\"", "akka.shutdown-guardian.shielded-paths", "list")]
    [InlineData("shielded-paths = [\"/system/a\"]", "akka.shutdown-guardian.shielded-paths", "/system/a")]
    [InlineData("excluded-paths = [\"/user//a\"]", "akka.shutdown-guardian.excluded-paths", "/user//a")]
    [InlineData("cancel-intreval = 1s", "akka.shutdown-guardian.cancel-intreval", "not a setting")]
    public void A_bad_value_is_a_configuration_exception_naming_the_key(string setting, string key, string problem)
    {
        using var system = ActorSystem.Create("bad", ConfigurationFactory.ParseString($"""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            akka.shutdown-guardian.{setting}
            """));

        var error = Assert.Throws<ConfigurationException>(() => ShutdownGuardian.Get(system));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_values_in_every_form_load()
    {
        using var system = ActorSystem.Create("good", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian {
              run-by-signals = off
              cancel-interval = 250ms
              max-cancel-attempts = 3
              escalation = kill
              shield-timeout = 30s
              deadline = 20s
              shielded-paths = ["/user/ledger", "/user/audit/*"]
              cancel-phase = service-unbind
            }
            """));

        var settings = ShutdownGuardian.Get(system).Settings;

        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.CancelInterval);
        Assert.Equal(3, settings.MaxCancelAttempts);
        Assert.Equal(Escalation.Kill, settings.Escalation);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShieldTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Deadline);
        Assert.Equal(["/user/ledger", "/user/audit/*"], settings.ShieldedPaths);
        Assert.Equal("service-unbind", settings.CancelPhase);
    }

    [Fact]
    public void The_defaults_are_those_of_the_design()
    {
        using var system = ActorSystem.Create("defaults", ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.shutdown-guardian.run-by-signals = off
            """));

        var settings = ShutdownGuardian.Get(system).Settings;

        Assert.Equal("service-requests-done", settings.CancelPhase);
        Assert.Equal("service-stop", settings.ShieldPhase);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.CancelInterval);
        Assert.Equal(10, settings.MaxCancelAttempts);
        Assert.Equal(Escalation.Stop, settings.Escalation);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.EscalationTimeout);
        Assert.Null(settings.ShieldTimeout);
        Assert.Null(settings.Deadline);
        Assert.False(settings.ExitProcess);
        Assert.Equal(0, settings.SignalExitCode);
        Assert.Equal(70, settings.UncleanExitCode);
        Assert.False(settings.CancelShardedEntities);
        Assert.Contains("Akka.Cluster.Tools.Singleton.ClusterSingletonManager", settings.ExcludedTypes);
    }
}
