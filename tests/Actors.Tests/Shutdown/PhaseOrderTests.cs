using ActorShutdown.Configuration;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

public class PhaseOrderTests
{
    private readonly Harness _h = new();

    [Fact]
    public void The_default_phases_run_in_their_documented_order()
    {
        var shutdown = _h.Create(Defaults().Reverse().ToList());

        Assert.Equal(
            [
                CoordinatedShutdown.PhaseBeforeServiceUnbind, CoordinatedShutdown.PhaseServiceUnbind,
                CoordinatedShutdown.PhaseServiceRequestsDone, CoordinatedShutdown.PhaseServiceStop,
                CoordinatedShutdown.PhaseBeforeActorSystemTerminate, CoordinatedShutdown.PhaseActorSystemTerminate,
            ],
            shutdown.OrderedPhases);
    }

    [Fact]
    public void Phases_follow_their_dependencies_and_otherwise_the_declaration_order()
    {
        var shutdown = _h.Create(
        [
            Phase("d", dependsOn: ["b"]),
            Phase("a"),
            Phase("b", dependsOn: ["a"]),
            Phase("c"),
            Phase("e", dependsOn: ["a", "d"]),
        ]);

        Assert.Equal(["a", "b", "d", "c", "e"], shutdown.OrderedPhases);
    }

    [Theory]
    [InlineData("a -> b -> a", new[] { "a:b", "b:a" })]
    [InlineData("a -> a", new[] { "a:a" })]
    [InlineData("b -> c -> d -> b", new[] { "x", "a:b", "b:c", "c:d", "d:b" })]
    public void A_cycle_is_a_configuration_error_naming_the_phases_in_it(string cycle, string[] phases)
    {
        var definitions = phases.Select(p => p.Split(':')).Select(p => Phase(p[0], dependsOn: p.Skip(1).ToArray())).ToList();

        var error = Assert.Throws<ConfigurationException>(() => _h.Create(definitions));

        Assert.Contains(cycle, error.Message);
    }

    [Fact]
    public void An_unknown_dependency_is_a_configuration_error_naming_both_phases()
    {
        var error = Assert.Throws<ConfigurationException>(() => _h.Create([Phase("a"), Phase("b", dependsOn: ["a", "nope"])]));

        Assert.Contains("'b'", error.Message);
        Assert.Contains("'nope'", error.Message);
    }

    [Fact]
    public void A_repeated_phase_name_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => _h.Create([Phase("a"), Phase("a")]));
        Assert.Contains("'a'", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_timeout_that_is_neither_positive_nor_infinite_is_a_configuration_error(int seconds)
    {
        var error = Assert.Throws<ConfigurationException>(() => _h.Create([Phase("a", TimeSpan.FromSeconds(seconds))]));
        Assert.Contains("'a'", error.Message);
    }
}
