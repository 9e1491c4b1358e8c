using ActorShutdown.Configuration;
using ActorShutdown.TestKit;

namespace ActorShutdown.Coordination.Tests;

public sealed class LeaseProviderTests() : TestKit.TestKit("""
    actors.coordination.lease.lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
    app.short-heartbeat { heartbeat-interval = 2s, heartbeat-timeout = 7s }
    app.file-lease {
      lease-class = "ActorShutdown.Coordination.FileLease"
      directory = "/tmp/actorshutdown-provider-tests"
    }
    app.no-class { lease-class = "" }
    app.unknown-class { lease-class = "No.Such.Lease, NoSuchAssembly" }
    app.not-a-lease { lease-class = "System.String" }
    app.abstract-lease { lease-class = "ActorShutdown.Coordination.HeartbeatLease, ActorShutdown.Coordination" }
    app.interval-too-long { heartbeat-interval = 10s, heartbeat-timeout = 10s }
    app.infinite-timeout { heartbeat-timeout = infinite }
    app.postgresql-without-server = ${actors.coordination.postgresql-lease}
    app.postgresql-bad-table = ${actors.coordination.postgresql-lease} { connection-string = "Host=localhost", table = "leases; DROP TABLE x" }
    """)
{
    [Fact]
    public void The_same_name_path_and_owner_give_the_same_instance()
    {
        var provider = LeaseProvider.Get(Sys);
        var lease = provider.GetLease("job", LeaseSettings.DefaultConfigPath, "a");

        Assert.Same(lease, provider.GetLease("job", LeaseSettings.DefaultConfigPath, "a"));
        Assert.Same(lease, LeaseProvider.Get(Sys).GetLease("job", LeaseSettings.DefaultConfigPath, "a"));
        Assert.NotSame(lease, provider.GetLease("job", LeaseSettings.DefaultConfigPath, "b"));
        Assert.NotSame(lease, provider.GetLease("other", LeaseSettings.DefaultConfigPath, "a"));
        Assert.NotSame(lease, provider.GetLease("job", "app.short-heartbeat", "a"));
    }

    [Fact]
    public void Settings_come_from_the_section_with_the_default_lease_section_underneath()
    {
        var lease = LeaseProvider.Get(Sys).GetLease("job", "app.short-heartbeat", "owner-1");

        Assert.IsType<TestLease>(lease);
        Assert.Equal("job", lease.Settings.LeaseName);
        Assert.Equal("owner-1", lease.Settings.OwnerName);
        Assert.Equal(TimeSpan.FromSeconds(2), lease.Settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), lease.Settings.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), lease.Settings.OperationTimeout);   // reference.conf
    }

    [Fact]
    public void The_class_is_found_by_full_name_too_and_gets_its_own_keys()
    {
        var lease = Assert.IsType<FileLease>(LeaseProvider.Get(Sys).GetLease("a/b", "app.file-lease", "me"));

        Assert.Equal("/tmp/actorshutdown-provider-tests", lease.Directory);
        Assert.Equal("/tmp/actorshutdown-provider-tests/a%2Fb.lease", lease.FilePath);
        Assert.Equal(TimeSpan.FromSeconds(120), lease.Settings.HeartbeatTimeout);
    }

    [Fact]
    public void The_stock_file_lease_section_works_as_it_is()
    {
        var lease = Assert.IsType<FileLease>(LeaseProvider.Get(Sys).GetLease("job", "actors.coordination.file-lease", "me"));

        Assert.Equal(Path.Combine(Path.GetTempPath(), "actorshutdown-leases"), lease.Directory);
    }

    [Theory]
    [InlineData("app.missing", "app.missing")]
    [InlineData("app.no-class", "app.no-class.lease-class")]
    [InlineData("app.unknown-class", "No.Such.Lease")]
    [InlineData("app.not-a-lease", "System.String")]
    [InlineData("app.abstract-lease", "HeartbeatLease")]
    [InlineData("app.interval-too-long", "app.interval-too-long.heartbeat-interval")]
    [InlineData("app.infinite-timeout", "app.infinite-timeout.heartbeat-timeout")]
    [InlineData("app.postgresql-without-server", "app.postgresql-without-server.connection-string")]
    [InlineData("app.postgresql-bad-table", "app.postgresql-bad-table.table")]
    public void A_bad_configuration_is_a_ConfigurationException_naming_what_is_wrong_every_time(string path, string named)
    {
        var provider = LeaseProvider.Get(Sys);

        var error = Assert.Throws<ConfigurationException>(() => provider.GetLease("job", path, "me"));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => provider.GetLease("job", path, "me"));
    }

    [Fact]
    public void The_default_section_names_no_class_so_asking_for_a_lease_without_configuring_one_fails_clearly()
    {
        using var plain = new PlainSystem();

        var error = Assert.Throws<ConfigurationException>(() => LeaseProvider.Get(plain.Sys).GetLease("job", LeaseSettings.DefaultConfigPath, "me"));
        Assert.Contains("actors.coordination.lease.lease-class", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "path", "owner")]
    [InlineData("name", " ", "owner")]
    [InlineData("name", "path", "")]
    public void Empty_names_are_refused(string name, string path, string owner) =>
        Assert.ThrowsAny<ArgumentException>(() => LeaseProvider.Get(Sys).GetLease(name, path, owner));

    private sealed class PlainSystem() : TestKit.TestKit();
}

public sealed class LeaseSettingsTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public void Valid_settings_keep_their_values()
    {
        var settings = new LeaseSettings("job", "me", S, 10 * S, 2 * S);

        Assert.Equal(("job", "me", S, 10 * S, 2 * S), (settings.LeaseName, settings.OwnerName, settings.HeartbeatInterval, settings.HeartbeatTimeout, settings.OperationTimeout));
        Assert.Equal("other", settings.WithOwner("other").OwnerName);
        Assert.Equal(10 * S, settings.WithOwner("other").HeartbeatTimeout);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("", "me", S, 10 * S, S));
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("job", " ", S, 10 * S, S));
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("job", "me", TimeSpan.Zero, 10 * S, S));
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("job", "me", 10 * S, 10 * S, S));
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("job", "me", S, Timeout.InfiniteTimeSpan, S));
        Assert.ThrowsAny<ArgumentException>(() => new LeaseSettings("job", "me", S, 10 * S, -S));
    }

    [Fact]
    public void FromConfig_reads_the_three_timings()
    {
        var config = ConfigurationFactory.ParseString("heartbeat-interval = 250ms, heartbeat-timeout = 3s, lease-operation-timeout = 750ms");

        var settings = LeaseSettings.FromConfig(config, "job", "me");

        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.OperationTimeout);
        Assert.Same(config, settings.LeaseConfig);
    }
}
