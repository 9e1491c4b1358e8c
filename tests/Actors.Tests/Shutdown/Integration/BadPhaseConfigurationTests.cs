using ActorShutdown.Configuration;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>A bad shutdown configuration fails <c>ActorSystem.Create</c> with a ConfigurationException naming what is wrong.</summary>
public sealed class BadPhaseConfigurationTests
{
    private const string Phases = "actors.coordinated-shutdown.phases";

    public static TheoryData<string, string[]> BadConfigurations => new()
    {
        { $"{Phases} {{ x-first.depends-on = [x-second], x-second.depends-on = [x-first] }}", ["cycle", "x-first", "x-second"] },
        { $"{Phases}.before-service-unbind.depends-on = [actor-system-terminate]", ["cycle", "before-service-unbind", "actor-system-terminate"] },
        { $"{Phases}.service-stop.depends-on = [no-such-phase]", ["service-stop", "no-such-phase"] },
        { $"{Phases}.service-stop.timeout = 0s", ["service-stop", "timeout"] },
        { $"{Phases}.service-stop.timeout = -5s", ["service-stop", "timeout"] },
        { $"{Phases}.service-stop.recover-typo = off", ["service-stop", "recover-typo"] },
        { "actors.coordinated-shutdown.default-phase-timeout = 0s", ["default-phase-timeout"] },
        { "actors.coordinated-shutdown.deadline = 0s", ["deadline"] },
        { "actors.shutdown-guardian.escalation = explode", ["escalation", "explode"] },
        { "actors.shutdown-guardian.cancel-phase = no-such-phase", ["cancel-phase", "no-such-phase"] },
        { "actors.shutdown-guardian.shield-phase = no-such-phase", ["shield-phase", "no-such-phase"] },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void Bad_configuration_fails_system_start_naming_what_is_wrong(string hocon, string[] named)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.ParseString("""
            actors.coordinated-shutdown.run-by-signals = off
            actors.coordinated-shutdown.run-by-process-exit = off
            """));

        var thrown = Assert.Throws<ConfigurationException>(() => ActorSystem.Create("bad-config", config));

        foreach (var name in named) Assert.Contains(name, thrown.Message, StringComparison.Ordinal);
    }
}
