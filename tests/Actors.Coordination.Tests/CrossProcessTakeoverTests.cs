using ActorShutdown.Coordination.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// Two real processes of tests/LeaseHolder contend for one lease. Each logs its acquire, its work and its release
/// with UTC timestamps (one machine, one clock), and the logs are checked for overlap. Stopped with SIGTERM, the
/// holder's shielded worker finishes its queued work, the lease is released as it stops, and the other process
/// takes over within 200 ms. Killed with SIGKILL, the holder releases nothing: the other process takes over only
/// once the lease has expired.
/// </summary>
public abstract class CrossProcessTakeoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromMilliseconds(200);
    private readonly List<HolderProcess> _processes = [];

    protected string LeaseName { get; } = $"takeover-{Guid.NewGuid():N}";

    protected abstract IEnumerable<string> StoreArguments { get; }

    protected abstract Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecord();

    [LeaseFact]
    public async Task On_SIGTERM_the_holder_drains_releases_and_the_other_process_takes_over_within_200_ms()
    {
        // A long heartbeat timeout: only the release can hand the lease over in time.
        string[] timings = ["--interval-ms", "1000", "--timeout-ms", "60000", "--poll-ms", "20"];
        // Endless work, five items queued ahead: the signal always finds work to drain.
        var holder = Start("holder", [.. timings, "--work", "-1", "--queued", "5", "--item-ms", "100"]);
        await holder.WaitFor("WORK-START", "0");
        var contender = Start("contender", [.. timings, "--work", "0"]);
        await contender.WaitFor("WAITING");

        var signalledAt = DateTimeOffset.UtcNow;
        holder.Terminate();
        Assert.Equal(0, await holder.WaitForExit());
        var acquired = await contender.WaitFor("ACQUIRED");
        contender.Terminate();
        Assert.Equal(0, await contender.WaitForExit());
        output.WriteLine(holder.Transcript());
        output.WriteLine(contender.Transcript());

        var events = holder.Events;
        var workStarts = events.Where(e => e.What == "WORK-START").ToList();
        var workEnds = events.Where(e => e.What == "WORK-END").ToList();
        var stopped = events.Single(e => e.What == "STOPPED");
        var released = events.Single(e => e.What == "RELEASED");
        // The shielded worker finished every item it started, the queued ones after the signal, then stopped.
        Assert.Equal(workStarts.Select(e => e.Detail), workEnds.Select(e => e.Detail));
        Assert.True(workEnds.Count(e => e.At > signalledAt) >= 5, "the queued items were not drained after the signal");
        Assert.True(workEnds[^1].At <= stopped.At);
        Assert.Equal("released=True failure=-", released.Detail);
        // No overlap: the contender acquired after the holder's worker was done with the lease.
        Assert.True(acquired.At > stopped.At, $"the contender acquired at {acquired.At:O}, before the holder's worker stopped at {stopped.At:O}");
        Assert.True(acquired.At > workEnds[^1].At);
        Assert.Single(contender.Events, e => e.What == "ACQUIRED");
        // Taken over within 200 ms of the release.
        var gap = acquired.At - released.At;
        output.WriteLine($"takeover {gap.TotalMilliseconds:0.0} ms after the release ended, {(acquired.At - stopped.At).TotalMilliseconds:0.0} ms after the worker stopped");
        Assert.True(gap <= TakeoverBound, $"the contender acquired {gap.TotalMilliseconds} ms after the release");
    }

    [LeaseFact]
    public async Task On_SIGKILL_the_other_process_takes_over_after_the_lease_expires_and_not_before()
    {
        string[] timings = ["--interval-ms", "200", "--timeout-ms", "3000", "--poll-ms", "20"];
        var holder = Start("holder", [.. timings, "--work", "-1", "--item-ms", "100"]);
        await holder.WaitFor("ACQUIRED");
        var contender = Start("contender", [.. timings, "--work", "0"]);
        var waiting = await contender.WaitFor("WAITING");

        holder.Kill();
        await holder.WaitForExit();
        var killedAt = DateTimeOffset.UtcNow;
        var (owner, expiresAt) = await ReadRecord();   // the dead holder's last renewal: nobody will change it now
        var acquired = await contender.WaitFor("ACQUIRED");
        contender.Terminate();
        await contender.WaitForExit();
        output.WriteLine(holder.Transcript());
        output.WriteLine(contender.Transcript());
        output.WriteLine($"killed {killedAt:O}, record expires {expiresAt:O}, contender acquired {acquired.At:O}");

        Assert.Equal("holder", owner);
        Assert.True(expiresAt > killedAt, "the lease had expired before the kill: the holder stopped renewing early");
        Assert.True(waiting.At < killedAt);
        Assert.DoesNotContain(holder.Events, e => e.What is "RELEASED" or "STOPPED");
        Assert.True(acquired.At >= expiresAt, $"the contender acquired at {acquired.At:O}, before the lease expired at {expiresAt:O}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await CleanUp();
    }

    protected virtual Task CleanUp() => Task.CompletedTask;

    private HolderProcess Start(string owner, IEnumerable<string> arguments)
    {
        var process = HolderProcess.Start(owner, ["--lease", LeaseName, .. StoreArguments, .. arguments]);
        _processes.Add(process);
        return process;
    }
}

public sealed class FileLeaseCrossProcessTests(ITestOutputHelper output) : CrossProcessTakeoverTests(output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actorshutdown-takeover-{Guid.NewGuid():N}");

    protected override IEnumerable<string> StoreArguments => ["--kind", "file", "--dir", _directory];

    protected override Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecord() =>
        FileLease.ReadRecordAsync(Path.Combine(_directory, FileLease.FileNameOf(LeaseName)));

    protected override Task CleanUp()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[RequiresPostgreSql]
public sealed class PostgreSqlLeaseCrossProcessTests(ITestOutputHelper output) : CrossProcessTakeoverTests(output)
{
    protected override IEnumerable<string> StoreArguments =>
        ["--kind", "postgresql", "--connection", PostgreSql.ConnectionString, "--table", PostgreSqlLeaseContractTests.Table];

    protected override async Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecord()
    {
        await using var connection = new NpgsqlConnection(PostgreSql.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT owner, expires_at FROM {PostgreSqlLeaseContractTests.Table} WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", LeaseName);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return (row.IsDBNull(0) ? null : row.GetString(0), new DateTimeOffset(row.GetDateTime(1), TimeSpan.Zero));
    }
}
