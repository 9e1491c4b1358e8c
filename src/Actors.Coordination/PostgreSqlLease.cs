using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using Npgsql;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease shared by processes on several machines, kept in a PostgreSQL table: one row per lease with its owner and
/// expiry. Acquiring, renewing and releasing are each one atomic statement, and the expiry is judged by the
/// database's clock (<c>now()</c>), so the holders' clocks do not matter. The table is created when missing.
/// </summary>
/// <remarks>
/// Configuration (<c>akka.coordination.lease.postgresql</c>, or any section with
/// <c>lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination"</c>):
/// <c>connection-string</c>, an Npgsql connection string (required); <c>table</c>, the table of leases
/// (<c>actorshutdown_leases</c> by default, optionally schema-qualified); and Akka's <c>heartbeat-timeout</c>,
/// <c>heartbeat-interval</c> and <c>lease-operation-timeout</c>. Connections come from one pooled
/// <see cref="NpgsqlDataSource"/> per connection string, shared by the leases of the process.
/// </remarks>
public sealed partial class PostgreSqlLease : HeartbeatLease
{
    /// <summary>The path of the lease's section in the library's defaults.</summary>
    public const string ConfigPath = "akka.coordination.lease.postgresql";

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, string), Task> CreatedTables = new();

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly string _createTableSql;
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _releaseSql;

    /// <summary>Creates the lease; Akka's <see cref="LeaseProvider"/> calls this.</summary>
    /// <param name="settings">Name, owner, timings; its section sets <c>connection-string</c> and <c>table</c>.</param>
    /// <param name="system">The actor system.</param>
    /// <exception cref="Akka.Configuration.ConfigurationException">
    /// <c>connection-string</c> is missing, empty or invalid, or <c>table</c> is not a table name; the message names the key.
    /// </exception>
    public PostgreSqlLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        var section = new LeaseSection(system, settings, ConfigPath);
        _connectionString = section.RequiredString("connection-string", "an Npgsql connection string, such as \"Host=db;Username=app;Password=secret;Database=app\"");
        Table = section.RequiredString("table", "the table of leases, such as actorshutdown_leases or myschema.leases");
        if (!TableName().IsMatch(Table))
            throw section.Invalid("table", $"is '{Table}', not a table name: use letters, digits and underscores, optionally schema-qualified (schema.table)");
        try
        {
            _dataSource = DataSources.GetOrAdd(_connectionString, static cs => NpgsqlDataSource.Create(cs));
        }
        catch (ArgumentException e)
        {
            throw section.Invalid("connection-string", $"is not a valid Npgsql connection string: {e.Message}", e);
        }
        var table = string.Join('.', Table.Split('.').Select(part => $"\"{part}\""));
        _createTableSql = $"""
            CREATE TABLE IF NOT EXISTS {table} (
              name text PRIMARY KEY,
              owner text NULL,
              expires_at timestamptz NOT NULL,
              renewed_at timestamptz NOT NULL
            )
            """;
        _acquireSql = $"""
            INSERT INTO {table} AS lease (name, owner, expires_at, renewed_at)
            VALUES (@name, @owner, now() + @ttl, now())
            ON CONFLICT (name) DO UPDATE
              SET owner = excluded.owner, expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
              WHERE lease.owner IS NULL OR lease.owner = excluded.owner OR lease.expires_at <= now()
            RETURNING 1
            """;
        _renewSql = $"UPDATE {table} SET expires_at = now() + @ttl, renewed_at = now() WHERE name = @name AND owner = @owner AND expires_at > now()";
        _releaseSql = $"UPDATE {table} SET owner = NULL, expires_at = now() WHERE name = @name AND owner = @owner";
    }

    /// <summary>The table of leases.</summary>
    public string Table { get; }

    /// <inheritdoc />
    protected override Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        Execute(_acquireSql, static async (command, token) => await command.ExecuteScalarAsync(token).ConfigureAwait(false) is not null, cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryRenewAsync(CancellationToken cancellationToken) =>
        Execute(_renewSql, static async (command, token) => await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1, cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryReleaseAsync(CancellationToken cancellationToken) =>
        Execute(_releaseSql, static async (command, token) => await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1, cancellationToken);

    /// <summary>
    /// Runs one statement; when the pooled connection turns out dead (the server restarted or dropped its sessions),
    /// clears the pool and runs it once more on a new connection. Each statement is atomic and, for its owner, can
    /// run twice: the second acquire or renewal finds the lease its own, a second release finds it already free.
    /// </summary>
    private async Task<bool> Execute(string sql, Func<NpgsqlCommand, CancellationToken, Task<bool>> run, CancellationToken cancellationToken)
    {
        await EnsureTable(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await using var command = Command(sql);
            try
            {
                return await run(command, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (attempt == 1 && IsDeadSession(e))
            {
                Log.Debug("Lease {0}: the database session was gone ({1}); again on a new one", Settings.LeaseName, e.Message);
                _dataSource.Clear();
            }
        }
    }

    /// <summary>The session ended under the statement: terminated by the server (57P01-57P03) or its socket broke.</summary>
    private static bool IsDeadSession(NpgsqlException e) =>
        e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" } || (e is not PostgresException && e.InnerException is IOException or global::System.Net.Sockets.SocketException);

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("name", Settings.LeaseName);
        command.Parameters.AddWithValue("owner", Settings.OwnerName);
        command.Parameters.AddWithValue("ttl", Settings.TimeoutSettings.HeartbeatTimeout);
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
        await using var command = _dataSource.CreateCommand(_createTableSql);
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
