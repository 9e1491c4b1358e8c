using ActorShutdown.Configuration;
using ActorShutdown.Coordination.Tests.Support;
using ActorShutdown.TestKit;
using Npgsql;

namespace ActorShutdown.Coordination.Tests;

[RequiresPostgreSql]
public sealed class PostgreSqlLeaseTests
{
    [LeaseFact]
    public async Task The_table_is_created_when_missing()
    {
        var table = $"leases_{Guid.NewGuid():N}"[..20];
        var lease = new PostgreSqlLease(Settings("job", "a", TimeSpan.FromSeconds(30), table), TimeProvider.System);
        try
        {
            Assert.True(await lease.Acquire());
            await using var connection = new NpgsqlConnection(PostgreSql.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT owner, expires_at > now() FROM {table} WHERE name = 'job'", connection);
            await using var row = await command.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal("a", row.GetString(0));
            Assert.True(row.GetBoolean(1));
        }
        finally
        {
            await lease.Release();
            await using var connection = new NpgsqlConnection(PostgreSql.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [LeaseFact]
    public async Task Expiry_is_judged_by_the_database_clock_not_the_holders()
    {
        // Both holders run on a clock that never moves: if they judged expiry, the lease would never expire,
        // and a has no heartbeat. The database's clock moves on, and b gets the lease once it has expired there.
        var clock = new ManualTime();
        var name = $"db-clock-{Guid.NewGuid():N}";
        var a = new PostgreSqlLease(Settings(name, "a", TimeSpan.FromSeconds(1)), clock);
        var b = new PostgreSqlLease(Settings(name, "b", TimeSpan.FromSeconds(1)), clock);
        var since = TimeProvider.System.GetTimestamp();

        Assert.True(await a.Acquire());
        while (!await b.Acquire())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(since) < TimeSpan.FromSeconds(30), "the lease never expired");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(TimeProvider.System.GetElapsedTime(since) >= TimeSpan.FromSeconds(1));
        Assert.True(await b.Release());
    }

    private static LeaseSettings Settings(string name, string owner, TimeSpan timeout, string table = PostgreSqlLeaseContractTests.Table) =>
        new(name, owner, timeout / 4, timeout, TimeSpan.FromSeconds(5),
            ConfigurationFactory.ParseString($"connection-string = \"{PostgreSql.ConnectionString}\"\ntable = {table}"));
}

/// <summary>No server needed: an address where none listens.</summary>
public sealed class PostgreSqlLeaseWithoutServerTests
{
    [Fact]
    public async Task An_unreachable_server_is_a_LeaseException_not_a_timeout()
    {
        var config = ConfigurationFactory.ParseString("connection-string = \"Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=5\"");
        var lease = new PostgreSqlLease(new LeaseSettings("job", "a", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), config), TimeProvider.System);

        var error = await Assert.ThrowsAsync<LeaseException>(() => lease.Acquire());

        Assert.IsNotType<LeaseTimeoutException>(error);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        Assert.False(lease.CheckLease());
    }

    [Fact]
    public void An_invalid_connection_string_is_a_ConfigurationException()
    {
        var config = ConfigurationFactory.ParseString("connection-string = \"NoSuchKeyword=1\"");

        Assert.Throws<ConfigurationException>(() =>
            new PostgreSqlLease(new LeaseSettings("job", "a", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), config), TimeProvider.System));
    }
}
