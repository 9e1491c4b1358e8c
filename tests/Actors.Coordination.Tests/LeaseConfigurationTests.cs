using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// A malformed lease section fails <see cref="LeaseProvider.GetLease"/> with a <see cref="ConfigurationException"/>
/// naming the full key. Akka's LeaseProvider builds the lease with <c>Activator.CreateInstance</c>, so what the
/// caller gets is a <see cref="TargetInvocationException"/> whose inner exception is that ConfigurationException (and
/// Akka logs it as an error): these tests pin exactly that, so a change in Akka's wrapping shows here.
/// </summary>
public sealed class LeaseConfigurationTests : IDisposable
{
    private readonly List<ActorSystem> _systems = [];

    [Theory]
    [InlineData("connection-string = \"\"", "my-app.pg-lease.connection-string")]
    [InlineData("connection-string = \"   \"", "my-app.pg-lease.connection-string")]
    [InlineData("connection-string = \"Host=h\"\ntable = \"leases; DROP TABLE x\"", "my-app.pg-lease.table")]
    [InlineData("connection-string = \"Host=h\"\ntable = \"a.b.c\"", "my-app.pg-lease.table")]
    [InlineData("connection-string = \"Host=h\"\ntable = \"\"", "my-app.pg-lease.table")]
    [InlineData("connection-string = \"NoSuchKeyword=1\"", "my-app.pg-lease.connection-string")]
    public void A_malformed_PostgreSQL_lease_section_fails_GetLease_naming_the_key(string keys, string fullKey)
    {
        var system = System($$"""
            my-app.pg-lease {
              lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination"
              {{keys}}
            }
            """);

        var error = Assert.Throws<TargetInvocationException>(() => LeaseProvider.Get(system).GetLease("orders", "my-app.pg-lease", "node-1"));

        var configuration = Assert.IsType<ConfigurationException>(error.InnerException);
        Assert.Contains($"'{fullKey}'", configuration.Message, StringComparison.Ordinal);
        Assert.Contains("lease 'orders'", configuration.Message, StringComparison.Ordinal);
        Assert.Contains(fullKey, error.ToString(), StringComparison.Ordinal);   // what an unhandled exception prints
    }

    [Theory]
    [InlineData("")]
    [InlineData("directory = \"\"")]
    [InlineData("directory = \"  \"")]
    public void A_file_lease_section_without_a_directory_fails_GetLease_naming_the_key(string keys)
    {
        var system = System($$"""
            akka.coordination.lease.file {
              lease-class = "ActorShutdown.Coordination.FileLease, ActorShutdown.Coordination"
              {{keys}}
            }
            """);

        var error = Assert.Throws<TargetInvocationException>(() => LeaseProvider.Get(system).GetLease("orders", FileLease.ConfigPath, "node-1"));

        var configuration = Assert.IsType<ConfigurationException>(error.InnerException);
        Assert.Contains("'akka.coordination.lease.file.directory' must be set", configuration.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_two_sections_use_the_lease_class_the_one_with_the_bad_value_is_named()
    {
        var system = System("""
            a.lease { lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination", connection-string = "Host=h" }
            b.lease { lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination", connection-string = "Host=h", table = "x-y" }
            """);

        var error = Assert.Throws<TargetInvocationException>(() => LeaseProvider.Get(system).GetLease("orders", "b.lease", "node-1"));

        Assert.Equal(
            "Invalid lease configuration: 'b.lease.table' is 'x-y', not a table name: use letters, digits and underscores, optionally schema-qualified (schema.table) (lease 'orders', owner 'node-1').",
            error.InnerException!.Message);
    }

    [Fact]
    public void A_section_that_sets_only_the_required_keys_takes_the_library_defaults_without_the_guardian()
    {
        var system = System("""
            my-app.pg-lease {
              lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination"
              connection-string = "Host=localhost"
            }
            """);

        var lease = Assert.IsType<PostgreSqlLease>(LeaseProvider.Get(system).GetLease("orders", "my-app.pg-lease", "node-1"));

        Assert.Equal("actorshutdown_leases", lease.Table);
        Assert.False(system.HasExtension<ShutdownGuardian>());
    }

    [Fact]
    public void The_timings_of_the_section_reach_the_lease()
    {
        var system = System("""
            akka.coordination.lease.file {
              lease-class = "ActorShutdown.Coordination.FileLease, ActorShutdown.Coordination"
              directory = "/tmp/actorshutdown-timings"
              heartbeat-interval = 300ms
              heartbeat-timeout = 2s
              lease-operation-timeout = 1s
            }
            """);

        var timeouts = LeaseProvider.Get(system).GetLease("orders", FileLease.ConfigPath, "node-1").Settings.TimeoutSettings;

        Assert.Equal(TimeSpan.FromMilliseconds(300), timeouts.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), timeouts.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), timeouts.OperationTimeout);
    }

    public void Dispose()
    {
        foreach (var system in _systems) system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private ActorSystem System(string hocon)
    {
        var system = ActorSystem.Create("config", ConfigurationFactory.ParseString(hocon + "\nakka.loglevel = OFF"));
        _systems.Add(system);
        return system;
    }
}
