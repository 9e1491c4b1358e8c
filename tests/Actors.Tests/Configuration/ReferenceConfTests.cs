using System.Text.RegularExpressions;
using ActorShutdown.Configuration;

namespace ActorShutdown.Tests.Configuration;

public partial class ReferenceConfTests
{
    /// <summary>Every key DESIGN.md §6 defines.</summary>
    public static TheoryData<string> DesignKeys() =>
    [
        "actors.dispatcher.throughput", "actors.log-dead-letters", "actors.ask-timeout",
        "actors.coordinated-shutdown.default-phase-timeout", "actors.coordinated-shutdown.terminate-actor-system",
        "actors.coordinated-shutdown.run-by-actor-system-terminate", "actors.coordinated-shutdown.run-by-signals",
        "actors.coordinated-shutdown.run-by-process-exit", "actors.coordinated-shutdown.exit-process",
        "actors.coordinated-shutdown.deadline", "actors.coordinated-shutdown.phases",
        "actors.shutdown-guardian.enabled", "actors.shutdown-guardian.cancel-phase", "actors.shutdown-guardian.shield-phase",
        "actors.shutdown-guardian.cancel-interval", "actors.shutdown-guardian.max-cancel-attempts",
        "actors.shutdown-guardian.escalation", "actors.shutdown-guardian.escalation-timeout", "actors.shutdown-guardian.shield-timeout",
        "actors.shutdown-guardian.shielded-paths", "actors.shutdown-guardian.excluded-paths",
        "actors.coordination.lease.lease-class", "actors.coordination.lease.heartbeat-timeout",
        "actors.coordination.lease.heartbeat-interval", "actors.coordination.lease.lease-operation-timeout",
        "actors.test.single-expect-default", "actors.test.timefactor", "actors.test.default-timeout",
    ];

    [Theory]
    [MemberData(nameof(DesignKeys))]
    public void Defines_every_design_key(string key) =>
        Assert.True(ConfigurationFactory.Default().HasPath(key), $"reference.conf lacks {key}");

    [Fact]
    public void Default_is_the_embedded_copy_of_hocon_reference_conf()
    {
        JsonTree.AssertEqual(ConfigurationFactory.ParseFile(RepositoryPaths.ReferenceConf).ToString(), ConfigurationFactory.Default());
        Assert.Same(ConfigurationFactory.Default(), ConfigurationFactory.Default());
    }

    [Fact]
    public void Lease_defaults()
    {
        var lease = ConfigurationFactory.Default().GetConfig("actors.coordination.lease");
        Assert.Equal("", lease.GetString("lease-class"));
        Assert.Equal(TimeSpan.FromSeconds(120), lease.GetTimeSpan("heartbeat-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(12), lease.GetTimeSpan("heartbeat-interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), lease.GetTimeSpan("lease-operation-timeout"));
    }

    /// <summary>reference.conf is the user-facing reference: every setting has a comment right above it.</summary>
    [Fact]
    public void Every_setting_is_commented()
    {
        var lines = File.ReadAllLines(RepositoryPaths.ReferenceConf);
        var uncommented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Setting().Match(lines[i]);
            if (!match.Success || IsInsidePhases(lines, i)) continue;
            if (i == 0 || !lines[i - 1].TrimStart().StartsWith('#')) uncommented.Add($"{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(uncommented.Count == 0, "settings without a comment above them:\n" + string.Join('\n', uncommented));
    }

    /// <summary>The phase definitions are documented once, above the phases block, and each phase by its own comment.</summary>
    private static bool IsInsidePhases(string[] lines, int index)
    {
        var depth = 0;
        for (var i = index; i >= 0; i--)
        {
            depth += lines[i].Count(c => c == '}') - lines[i].Count(c => c == '{');
            if (depth < 0 && lines[i].TrimStart().StartsWith("phases", StringComparison.Ordinal)) return true;
            if (depth < 0) depth = 0;
        }
        return false;
    }

    [GeneratedRegex(@"^\s*[a-z-]+\s*=")]
    private static partial Regex Setting();
}
