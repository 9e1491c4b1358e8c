using ActorShutdown.Coordination.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Npgsql;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// The database drops the holder's connections while it holds a lease: the holder either keeps the lease (its
/// renewals go on, on new connections) or is told it lost it — never do two owners hold it. Restarting the shared
/// PostgreSQL server from a test would break the other tests running against it, so the server's side of a restart
/// is played by <c>pg_terminate_backend</c> on the holder's sessions alone (told apart by their application name).
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlConnectionLossTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private readonly string _name = $"drop-{Guid.NewGuid():N}";
    private readonly List<ActorSystem> _systems = [];

    [LeaseFact]
    public async Task When_the_server_drops_the_holders_connections_it_keeps_the_lease_or_is_told_it_lost_it_never_two_holders()
    {
        var holderApplication = $"holder-{Guid.NewGuid():N}";
        var a = Lease(holderApplication, "a");
        var b = Lease("contender", "b");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(reason => lost.TrySetResult(reason)));
        var renewals = new List<bool>();

        for (var drop = 0; drop < 3 && !lost.Task.IsCompleted; drop++)
        {
            // A failed renewal's connection is gone from the pool: drop the next one the holder opens.
            await AwaitConditionAsync(async () => lost.Task.IsCompleted || await Sessions(holderApplication, terminate: false) > 0, TimeSpan.FromSeconds(20));
            var beat = Heartbeats.Next(a);
            Assert.True(lost.Task.IsCompleted || await Sessions(holderApplication, terminate: true) > 0, "the holder had no session to drop");
            var renewed = await Task.WhenAny(beat, lost.Task).WaitAsync(TimeSpan.FromSeconds(20)) == beat && beat.Result;
            renewals.Add(renewed);
            var contended = await b.Acquire();
            Assert.False(contended && a.CheckLease(), "two holders");
        }
        // Let every heartbeat under way settle: one more that renews, or the loss.
        var settled = Heartbeats.Next(a);
        await Task.WhenAny(settled, lost.Task).WaitAsync(TimeSpan.FromSeconds(20));
        Output?.WriteLine($"renewals after the drops: {string.Join(", ", renewals)}; lost: {lost.Task.IsCompleted}");

        if (lost.Task.IsCompleted)
        {
            Assert.IsAssignableFrom<LeaseException>(await lost.Task);
            Assert.False(a.CheckLease());
        }
        else
        {
            Assert.True(await settled);
            Assert.True(a.CheckLease());
            Assert.False(await b.Acquire());
            Assert.Equal("a", (await PostgreSql.ReadRow(_name)).Owner);
            Assert.True(await a.Release());   // the lease still works on new connections
        }
    }

    protected override void AfterAll()
    {
        foreach (var system in _systems) Shutdown(system);
        base.AfterAll();
    }

    /// <summary>Counts the sessions of <paramref name="application"/>, dropping them (as a server restart would) when asked.</summary>
    private static async Task<int> Sessions(string application, bool terminate)
    {
        await using var connection = new NpgsqlConnection(PostgreSql.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count({(terminate ? "pg_terminate_backend(pid)" : "*")}) FROM pg_stat_activity WHERE application_name = @application AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("application", application);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A PostgreSQL lease in a system of its own, on a real scheduler, its sessions named <paramref name="application"/>.</summary>
    private Lease Lease(string application, string owner)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgreSql.ConnectionString) { ApplicationName = application }.ConnectionString;
        var system = ActorSystem.Create(owner, ConfigurationFactory.ParseString($$"""
            pg-lease {
              lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination"
              heartbeat-interval = 300ms
              heartbeat-timeout = 2s
              lease-operation-timeout = 10s   # generous: a loaded machine opens a connection slowly
              connection-string = "{{connectionString}}"
              table = {{PostgreSql.Table}}
            }
            """).WithFallback(Sys.Settings.Config));
        _systems.Add(system);
        return LeaseProvider.Get(system).GetLease(_name, "pg-lease", owner);
    }
}
