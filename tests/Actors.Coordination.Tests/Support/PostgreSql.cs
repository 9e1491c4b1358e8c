using Npgsql;

namespace ActorShutdown.Coordination.Tests.Support;

/// <summary>
/// The PostgreSQL server of the tests: <c>ACTORSHUTDOWN_PG</c> holds its connection string (<c>.ci/run</c> installs,
/// starts and exports one). Under <c>CI=true</c> the PostgreSQL tests must run: an unreachable server fails them.
/// Elsewhere they are reported skipped, with the reason, when no server is reachable.
/// </summary>
public static class PostgreSql
{
    public const string Variable = "ACTORSHUTDOWN_PG";

    /// <summary>The table of the tests' leases.</summary>
    public const string Table = "actorshutdown_leases_tests";

    private static readonly Lazy<string?> Unreachable = new(Probe);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? ConnectionStringOrNull => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they run (always under CI).</summary>
    public static string? SkipReason => InCi ? null : Unreachable.Value;

    /// <summary>The connection string; under CI a clear failure when the server is not there.</summary>
    public static string ConnectionString =>
        Unreachable.Value is { } reason
            ? throw new InvalidOperationException($"CI=true, so the PostgreSQL lease tests must run, but {reason}. .ci/run installs and starts the server and exports {Variable}.")
            : ConnectionStringOrNull!;

    private static string? Probe()
    {
        if (ConnectionStringOrNull is not { } cs)
            return $"no PostgreSQL server is configured ({Variable} is not set; .ci/run starts a server and sets it)";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(cs) { Timeout = 5, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT 1", connection);
            command.ExecuteScalar();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"the PostgreSQL server of {Variable} is not reachable ({e.GetType().Name}: {e.Message})";
        }
    }

    /// <summary>A lease's row: its owner (null when free), expiry and last acquisition or renewal, on the database's clock.</summary>
    public static async Task<(string? Owner, DateTimeOffset ExpiresAt, DateTimeOffset RenewedAt)> ReadRow(string leaseName)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT owner, expires_at, renewed_at FROM {Table} WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", leaseName);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"no row for lease {leaseName}");
        return (row.IsDBNull(0) ? null : row.GetString(0), row.GetFieldValue<DateTimeOffset>(1), row.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>The database's clock.</summary>
    public static async Task<DateTimeOffset> Now()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!);   // timestamptz: a UTC DateTime
    }
}
