using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ActorShutdown.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease shared by processes on several machines, kept in a PostgreSQL table: one row per lease with its
/// owner and expiry. Acquiring, renewing and releasing are each one atomic statement, and the expiry is judged
/// by the database's clock (<c>now()</c>), so the holders' clocks do not matter. The table is created if missing.
/// </summary>
/// <remarks>
/// Configuration (the lease's section, for example <c>actors.coordination.postgresql-lease</c>):
/// <c>connection-string</c>, an Npgsql connection string (required); <c>table</c>, the table of leases
/// (default <c>actorshutdown_leases</c>, optionally schema-qualified). Connections come from one pooled
/// <see cref="NpgsqlDataSource"/> per connection string, shared by all leases of the process.
/// </remarks>
public sealed partial class PostgreSqlLease : HeartbeatLease
{
    /// <summary>The table used when the configuration names none.</summary>
    public const string DefaultTable = "actorshutdown_leases";

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, string), Task> CreatedTables = new();

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _releaseSql;

    /// <summary>Creates the lease on the system's clock and logger (the constructor <see cref="LeaseProvider"/> uses).</summary>
    public PostgreSqlLease(LeaseSettings settings, ActorSystem system)
        : this(settings, (system ?? throw new ArgumentNullException(nameof(system))).Time, system.LoggerFactory)
    {
    }

    /// <summary>Creates the lease.</summary>
    /// <param name="settings">Name, owner, timings; <see cref="LeaseSettings.LeaseConfig"/> gives <c>connection-string</c> and <c>table</c>.</param>
    /// <param name="time">The clock of heartbeats and timeouts (expiry is the database's).</param>
    /// <param name="loggerFactory">Where to log (nowhere when null).</param>
    /// <exception cref="ConfigurationException"><c>connection-string</c> is missing, empty or invalid, or <c>table</c> is not a table name.</exception>
    public PostgreSqlLease(LeaseSettings settings, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : base(settings, time, loggerFactory?.CreateLogger<PostgreSqlLease>())
    {
        var config = settings.LeaseConfig;
        _connectionString = config.HasPath("connection-string") ? config.GetString("connection-string").Trim() : "";
        if (_connectionString.Length == 0)
            throw config.Invalid("connection-string", "must be set to an Npgsql connection string, for example \"Host=db;Username=app;Password=secret;Database=app\"");
        Table = config.HasPath("table") ? config.GetString("table").Trim() : DefaultTable;
        if (!TableName().IsMatch(Table))
            throw config.Invalid("table", $"'{Table}' is not a table name: use letters, digits and underscores, optionally schema-qualified (schema.table)");
        try
        {
            _dataSource = DataSources.GetOrAdd(_connectionString, static cs => NpgsqlDataSource.Create(cs));
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"Invalid setting 'connection-string' of lease '{settings.LeaseName}': {e.Message}", e);
        }
        var table = string.Join('.', Table.Split('.').Select(part => $"\"{part}\""));
        _acquireSql = $"""
            INSERT INTO {table} AS lease (name, owner, expires_at, renewed_at)
            VALUES (@name, @owner, now() + @ttl, now())
            ON CONFLICT (name) DO UPDATE
              SET owner = excluded.owner, expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
              WHERE lease.owner IS NULL OR lease.owner = excluded.owner OR lease.expires_at <= now()
            RETURNING 1
            """;
        _renewSql = $"UPDATE {table} SET expires_at = now() + @ttl, renewed_at = now() WHERE name = @name AND owner = @owner";
        _releaseSql = $"UPDATE {table} SET owner = NULL, expires_at = now() WHERE name = @name AND owner = @owner";
        CreateTableSql = $"""
            CREATE TABLE IF NOT EXISTS {table} (
              name text PRIMARY KEY,
              owner text NULL,
              expires_at timestamptz NOT NULL,
              renewed_at timestamptz NOT NULL
            )
            """;
    }

    /// <summary>The table of leases.</summary>
    public string Table { get; }

    private string CreateTableSql { get; }

    /// <inheritdoc />
    protected override async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await EnsureTable(cancellationToken).ConfigureAwait(false);
        await using var command = Command(_acquireSql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    protected override async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        await EnsureTable(cancellationToken).ConfigureAwait(false);
        await using var command = Command(_renewSql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    protected override async Task<bool> TryReleaseAsync(CancellationToken cancellationToken)
    {
        await EnsureTable(cancellationToken).ConfigureAwait(false);
        await using var command = Command(_releaseSql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("name", Settings.LeaseName);
        command.Parameters.AddWithValue("owner", Settings.OwnerName);
        command.Parameters.AddWithValue("ttl", Settings.HeartbeatTimeout);
        return command;
    }

    /// <summary>Creates the table once per process (again after a failure), whichever lease gets there first.</summary>
    private async Task EnsureTable(CancellationToken cancellationToken)
    {
        var key = (_connectionString, Table);
        var creation = CreatedTables.GetOrAdd(key, _ => CreateTable());
        try
        {
            await creation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creation.IsFaulted)
        {
            CreatedTables.TryRemove(new KeyValuePair<(string, string), Task>(key, creation));
            throw;
        }
    }

    private async Task CreateTable()
    {
        await using var command = _dataSource.CreateCommand(CreateTableSql);
        try
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another process created it at the same moment (CREATE TABLE IF NOT EXISTS is not race-free).
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex TableName();
}
