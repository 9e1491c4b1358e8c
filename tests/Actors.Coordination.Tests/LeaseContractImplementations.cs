using ActorShutdown.Configuration;
using ActorShutdown.Coordination.Tests.Support;
using ActorShutdown.TestKit;
using Npgsql;

namespace ActorShutdown.Coordination.Tests;

public sealed class TestLeaseContractTests : LeaseContractTests
{
    private readonly TestLeaseStore _store = new();

    protected override TimeProvider Clock { get; } = new ManualTime();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override TimeSpan HeartbeatTimeout => TimeSpan.FromSeconds(5);

    protected override TimeSpan OperationTimeout => TimeSpan.FromSeconds(2);

    protected override HeartbeatLease CreateLease(LeaseSettings settings, TimeProvider time) => new TestLease(settings, time, _store);

    protected override Task<IAsyncDisposable> BlockStore(string leaseName) =>
        Task.FromResult<IAsyncDisposable>(new AsyncDisposable(_store.Block(leaseName)));
}

public sealed class FileLeaseContractTests : LeaseContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actorshutdown-lease-tests-{Guid.NewGuid():N}");

    protected override TimeProvider Clock { get; } = new ManualTime();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override TimeSpan HeartbeatTimeout => TimeSpan.FromSeconds(5);

    protected override TimeSpan OperationTimeout => TimeSpan.FromSeconds(2);

    protected override Config LeaseConfig => ConfigurationFactory.ParseString($"directory = \"{_directory}\"");

    protected override HeartbeatLease CreateLease(LeaseSettings settings, TimeProvider time) => new FileLease(settings, time);

    /// <summary>Another process in the middle of its read-modify-write, forever: the lock file held open exclusively.</summary>
    protected override Task<IAsyncDisposable> BlockStore(string leaseName)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, FileLease.FileNameOf(leaseName));
        return Task.FromResult<IAsyncDisposable>(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
    }

    protected override Task DisposeStoreAsync()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[RequiresPostgreSql]
public sealed class PostgreSqlLeaseContractTests : LeaseContractTests
{
    public const string Table = "actorshutdown_leases_tests";

    protected override TimeProvider Clock => TimeProvider.System;

    // Generous for a loaded machine: a new pooled connection authenticates (SCRAM) before its first statement.
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(400);

    protected override TimeSpan HeartbeatTimeout => TimeSpan.FromSeconds(4);

    protected override TimeSpan OperationTimeout => TimeSpan.FromSeconds(3);

    protected override Config LeaseConfig =>
        ConfigurationFactory.ParseString($"connection-string = \"{PostgreSql.ConnectionString}\"\ntable = {Table}");

    protected override HeartbeatLease CreateLease(LeaseSettings settings, TimeProvider time) => new PostgreSqlLease(settings, time);

    /// <summary>Another session holding the lease's row lock in an open transaction: every statement on the row waits.</summary>
    protected override async Task<IAsyncDisposable> BlockStore(string leaseName)
    {
        // The table exists once any lease operation ran against it.
        await new PostgreSqlLease(new LeaseSettings(leaseName, "blocker", Interval, HeartbeatTimeout, OperationTimeout, LeaseConfig), Clock).Release();
        var connection = new NpgsqlConnection(PostgreSql.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {Table} (name, owner, expires_at, renewed_at) VALUES (@name, NULL, now(), now()) ON CONFLICT (name) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("name", leaseName);
            await insert.ExecuteNonQueryAsync();
        }
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM {Table} WHERE name = @name FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("name", leaseName);
            await lockRow.ExecuteScalarAsync();
        }
        return new AsyncDisposable(transaction, connection);
    }
}

/// <summary>Disposes its parts in order.</summary>
internal sealed class AsyncDisposable(params IDisposable[] parts) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        foreach (var part in parts) part.Dispose();
        return ValueTask.CompletedTask;
    }
}
