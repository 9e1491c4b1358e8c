using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

public class SettingsTests
{
    /// <summary>User text over reference.conf, as an actor system sees it.</summary>
    private static Config With(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.Default());

    [Fact]
    public void Defaults_from_reference_conf()
    {
        var root = ConfigurationFactory.Default();
        Assert.Equal(new ActorSystemSettings(30, 10, TimeSpan.FromSeconds(5)), ActorSystemSettings.FromConfig(root));

        var shutdown = CoordinatedShutdownSettings.FromConfig(root);
        Assert.Equal(TimeSpan.FromSeconds(5), shutdown.DefaultPhaseTimeout);
        Assert.True(shutdown.TerminateActorSystem && shutdown.RunByActorSystemTerminate && shutdown.RunBySignals && shutdown.RunByProcessExit);
        Assert.False(shutdown.ExitProcess);
        Assert.Null(shutdown.Deadline);
        var phases = shutdown.Phases.ToDictionary(p => p.Name);
        Assert.Equal(6, phases.Count);
        Assert.Empty(phases["before-service-unbind"].DependsOn);
        Assert.Equal(["before-service-unbind"], phases["service-unbind"].DependsOn);
        Assert.Equal(["service-unbind"], phases["service-requests-done"].DependsOn);
        Assert.Equal(["service-requests-done"], phases["service-stop"].DependsOn);
        Assert.Equal(["service-stop"], phases["before-actor-system-terminate"].DependsOn);
        Assert.Equal(["before-actor-system-terminate"], phases["actor-system-terminate"].DependsOn);
        Assert.Equal(TimeSpan.FromSeconds(5), phases["before-service-unbind"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), phases["service-unbind"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(15), phases["service-requests-done"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), phases["service-stop"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), phases["before-actor-system-terminate"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), phases["actor-system-terminate"].Timeout);
        Assert.All(phases.Values, p => Assert.True(p.Recover));

        var guardian = ShutdownGuardianSettings.FromConfig(root);
        Assert.Empty(guardian.ShieldedPaths);
        Assert.Empty(guardian.ExcludedPaths);
        string[] none = [];   // records compare lists by reference
        Assert.Equal(
            new ShutdownGuardianSettings(true, "service-requests-done", "service-stop", TimeSpan.FromSeconds(1), 10, ShutdownEscalation.Kill,
                TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan, none, none),
            guardian with { ShieldedPaths = none, ExcludedPaths = none });

        Assert.Equal(new TestKitSettings(TimeSpan.FromSeconds(3), 1.0, TimeSpan.FromSeconds(5)), TestKitSettings.FromConfig(root));
    }

    [Fact]
    public void User_values_override_the_defaults()
    {
        var root = With("""
            actors.dispatcher.throughput = 5
            actors.log-dead-letters = off
            actors.ask-timeout = infinite
            actors.coordinated-shutdown {
              deadline = 25s
              exit-process = on
              default-phase-timeout = 2s
              phases {
                service-stop.recover = off
                service-unbind.timeout = infinite
                "my.phase" { depends-on = [service-stop], timeout = 1s }
              }
            }
            actors.shutdown-guardian {
              escalation = STOP
              shielded-paths = ["/user/ledger", "/user/audit/*"]
              excluded-paths = [/user/metrics]
              cancel-phase = "my.phase"
            }
            actors.test.timefactor = 2.5
            """);
        Assert.Equal(new ActorSystemSettings(5, 0, Timeout.InfiniteTimeSpan), ActorSystemSettings.FromConfig(root));

        var shutdown = CoordinatedShutdownSettings.FromConfig(root);
        Assert.Equal(TimeSpan.FromSeconds(25), shutdown.Deadline);
        Assert.True(shutdown.ExitProcess);
        var phases = shutdown.Phases.ToDictionary(p => p.Name);
        Assert.Equal(7, phases.Count);
        Assert.False(phases["service-stop"].Recover);
        Assert.Equal(TimeSpan.FromSeconds(30), phases["service-stop"].Timeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, phases["service-unbind"].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), phases["before-service-unbind"].Timeout);
        Assert.Equal(new PhaseDefinition("my.phase", phases["my.phase"].DependsOn, TimeSpan.FromSeconds(1), true), phases["my.phase"]);
        Assert.Equal(["service-stop"], phases["my.phase"].DependsOn);

        var guardian = ShutdownGuardianSettings.FromConfig(root);
        Assert.Equal(ShutdownEscalation.Stop, guardian.Escalation);
        Assert.Equal("my.phase", guardian.CancelPhase);
        Assert.Equal(["/user/ledger", "/user/audit/*"], guardian.ShieldedPaths);
        Assert.Equal(["/user/metrics"], guardian.ExcludedPaths);

        Assert.Equal(2.5, TestKitSettings.FromConfig(root).TimeFactor);
    }

    [Theory]
    [InlineData("on", int.MaxValue)]
    [InlineData("off", 0)]
    [InlineData("false", 0)]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    public void Log_dead_letters_takes_a_count_or_on_off(string text, int expected) =>
        Assert.Equal(expected, ActorSystemSettings.FromConfig(With($"actors.log-dead-letters = {text}")).LogDeadLetters);

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "actors.dispatcher.throughput = 0", "actors.dispatcher.throughput", "must be at least 1, found 0" },
        { "actors.dispatcher.throughput = fast", "actors.dispatcher.throughput", "expected a whole number" },
        { "actors.dispatcher.throughput = 2.5", "actors.dispatcher.throughput", "expected a whole number" },
        { "actors.log-dead-letters = -1", "actors.log-dead-letters", "must be at least 0" },
        { "actors.ask-timeout = 0s", "actors.ask-timeout", "must be a duration greater than zero or 'infinite', found '0s'" },
        { "actors.ask-timeout = -1ms", "actors.ask-timeout", "greater than zero" },
        { "actors.ask-timeout = 5 sekunds", "actors.ask-timeout", "unknown unit 'sekunds'" },
        { "actors.ask-timeout = 5000", "actors.ask-timeout", "'5000' has no unit; write the duration with one, such as 5000s or 5000ms" },
        { "actors.shutdown-guardian.cancel-interval = 1", "actors.shutdown-guardian.cancel-interval", "'1' has no unit" },
        { "actors.coordinated-shutdown.phases.service-stop.timeout = \"30\"", "actors.coordinated-shutdown.phases.service-stop.timeout", "'30' has no unit" },
        { "actors.coordinated-shutdown.default-phase-timeout = -5s", "actors.coordinated-shutdown.default-phase-timeout", "greater than zero" },
        { "actors.coordinated-shutdown.run-by-signals = sometimes", "actors.coordinated-shutdown.run-by-signals", "expected a boolean" },
        { "actors.coordinated-shutdown.deadline = 0s", "actors.coordinated-shutdown.deadline", "greater than zero" },
        { "actors.coordinated-shutdown.deadline = infinite", "actors.coordinated-shutdown.deadline", "not 'infinite'" },
        { "actors.coordinated-shutdown.deadline = soon", "actors.coordinated-shutdown.deadline", "is not a duration" },
        { "actors.coordinated-shutdown.phases.service-stop.timeout = 0ms", "actors.coordinated-shutdown.phases.service-stop.timeout", "greater than zero" },
        { "actors.coordinated-shutdown.phases.service-stop.recover = maybe", "actors.coordinated-shutdown.phases.service-stop.recover", "expected a boolean" },
        { "actors.coordinated-shutdown.phases.service-stop.depends-on = service-unbind", "actors.coordinated-shutdown.phases.service-stop.depends-on", "expected a list of strings" },
        { "actors.coordinated-shutdown.phases.service-stop.timout = 5s", "actors.coordinated-shutdown.phases.service-stop.timout", "unknown phase setting" },
        { "actors.coordinated-shutdown.phases.extra = 5s", "actors.coordinated-shutdown.phases.extra", "expected an object" },
        { "actors.shutdown-guardian.enabled = 1", "actors.shutdown-guardian.enabled", "expected a boolean" },
        { "actors.shutdown-guardian.cancel-phase = nowhere", "actors.shutdown-guardian.cancel-phase", "'nowhere' is not a phase" },
        { "actors.shutdown-guardian.shield-phase = \"\"", "actors.shutdown-guardian.shield-phase", "must not be empty" },
        { "actors.shutdown-guardian.cancel-interval = 0s", "actors.shutdown-guardian.cancel-interval", "greater than zero" },
        { "actors.shutdown-guardian.cancel-interval = infinite", "actors.shutdown-guardian.cancel-interval", "not 'infinite'" },
        { "actors.shutdown-guardian.max-cancel-attempts = 0", "actors.shutdown-guardian.max-cancel-attempts", "must be at least 1" },
        { "actors.shutdown-guardian.escalation = explode", "actors.shutdown-guardian.escalation", "the allowed values are kill and stop" },
        { "actors.shutdown-guardian.escalation-timeout = -2s", "actors.shutdown-guardian.escalation-timeout", "greater than zero" },
        { "actors.shutdown-guardian.shield-timeout = 0s", "actors.shutdown-guardian.shield-timeout", "greater than zero or 'infinite'" },
        { "actors.shutdown-guardian.shielded-paths = /user/a", "actors.shutdown-guardian.shielded-paths", "expected a list of strings" },
        { "actors.shutdown-guardian.excluded-paths = [{ a = 1 }]", "actors.shutdown-guardian.excluded-paths", "element 0 is an object" },
        { "actors.test.timefactor = 0", "actors.test.timefactor", "must be a number greater than zero" },
        { "actors.test.timefactor = fast", "actors.test.timefactor", "expected a number" },
        { "actors.test.single-expect-default = 0s", "actors.test.single-expect-default", "greater than zero" },
        { "actors.test.default-timeout = infinite", "actors.test.default-timeout", "not 'infinite'" },
        { "actors.coordinated-shutdown = off", "actors.coordinated-shutdown", "expected an object" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_fails_at_start_naming_its_key(string hocon, string key, string problem)
    {
        var root = With(hocon);
        var error = Fails(() =>
        {
            ActorSystemSettings.FromConfig(root);
            CoordinatedShutdownSettings.FromConfig(root);
            ShutdownGuardianSettings.FromConfig(root);
            TestKitSettings.FromConfig(root);
        }, $"'{key}'", problem);
        // The error points at the user's line, not at reference.conf.
        if (error.SourceName is not null) Assert.Equal(("string", 1), (error.SourceName, error.Line));
    }

    [Theory]
    [InlineData("/user", "does not name an actor under /user")]
    [InlineData("/user/", "does not name an actor under /user")]
    [InlineData("/system/x", "does not name an actor under /user")]
    [InlineData("user/x", "does not name an actor under /user")]
    [InlineData("/user//x", "empty element")]
    [InlineData("/user/x/", "empty element")]
    [InlineData("/user/a*", "'*' must stand alone")]
    [InlineData("/user/**", "'*' must stand alone")]
    [InlineData("/user/a b", "whitespace")]
    public void Path_patterns_are_validated(string pattern, string problem) =>
        Fails(() => ShutdownGuardianSettings.FromConfig(With($"actors.shutdown-guardian.excluded-paths = [\"{pattern}\"]")),
            "'actors.shutdown-guardian.excluded-paths'", $"'{pattern}'", problem);

    [Fact]
    public void Valid_path_patterns()
    {
        string[] patterns = ["/user/a", "/user/*", "/user/a/*/c", "/user/$weird-name_1"];
        var settings = ShutdownGuardianSettings.FromConfig(With($"actors.shutdown-guardian.shielded-paths = [{string.Join(", ", patterns.Select(p => $"\"{p}\""))}]"));
        Assert.Equal(patterns, settings.ShieldedPaths);
    }
}
