using ActorShutdown.Coordination.Tests.Support;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

/// <summary>
/// Two real processes of tests/LeaseHolder contend for one lease. Each logs its acquire, its work, its worker's stop
/// and its release with UTC timestamps (one machine, one clock), and the logs are checked for overlap. Stopped with
/// SIGTERM, the holder's shielded worker finishes its queued work, the lease is released as the worker stops, and
/// the other process takes it over long before it would have expired. Killed with SIGKILL, the holder releases
/// nothing: the other process takes over only once the lease has expired, by the store's own clock.
/// </summary>
public abstract class CrossProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<HolderProcess> _processes = [];

    protected string LeaseName { get; } = $"cross-{Guid.NewGuid():N}";

    protected abstract IEnumerable<string> StoreArguments { get; }

    /// <summary>The lease's record in the store: its owner and expiry, on the store's clock.</summary>
    protected abstract Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecord();

    [LeaseFact]
    public async Task Two_processes_contend_one_holds_and_on_SIGTERM_it_drains_releases_and_the_other_takes_over_at_once()
    {
        // A long heartbeat timeout: only the release can hand the lease over in time.
        string[] arguments = ["--interval-ms", "1000", "--timeout-ms", "60000", "--poll-ms", "20", "--work", "-1", "--queued", "5", "--item-ms", "100"];
        HolderProcess[] both = [Start("first", arguments), Start("second", arguments)];
        var first = await Task.WhenAny(both.Select(p => p.WaitFor("ACQUIRED", timeout: TimeSpan.FromSeconds(30))));
        var holder = both.Single(p => p.Events.Contains(first.Result));
        var contender = both.Single(p => p != holder);
        await contender.WaitFor("WAITING", timeout: TimeSpan.FromSeconds(30));
        await holder.WaitFor("WORK-END", "2", TimeSpan.FromSeconds(30));
        var (recordOwner, expiresAt) = await ReadRecord();

        var signalledAt = DateTimeOffset.UtcNow;
        holder.Terminate();
        Assert.Equal(0, await holder.WaitForExit(TimeSpan.FromSeconds(30)));
        var acquired = await contender.WaitFor("ACQUIRED", timeout: TimeSpan.FromSeconds(30));
        contender.Terminate();
        Assert.Equal(0, await contender.WaitForExit(TimeSpan.FromSeconds(30)));
        output.WriteLine(holder.Transcript());
        output.WriteLine(contender.Transcript());

        Assert.Equal(holder.Name, recordOwner);
        Assert.DoesNotContain(contender.Events, e => e.What == "ACQUIRED" && e.At < signalledAt);   // refused while held
        var events = holder.Events;
        var workStarts = events.Where(e => e.What == "WORK-START").ToList();
        var workEnds = events.Where(e => e.What == "WORK-END").ToList();
        var stopped = events.Single(e => e.What == "STOPPED");
        // The shielded worker finished every item it started, those queued at the signal after it, then stopped.
        Assert.Equal(workStarts.Select(e => e.Detail), workEnds.Select(e => e.Detail));
        Assert.True(workEnds.Count(e => e.At > signalledAt) >= 4, "the queued items were not drained after the signal");
        Assert.True(workEnds[^1].At <= stopped.At);
        Assert.Equal("released=True failure=-", events.Single(e => e.What == "RELEASED").Detail);
        // Exactly one holder at any time: the other acquired after the holder's worker was done with the lease ...
        Assert.True(acquired.At > stopped.At, $"the contender acquired at {acquired.At:O}, before the holder's worker stopped at {stopped.At:O}");
        // ... and because it was released: long before the holder's last renewal would have expired.
        Assert.True(acquired.At < expiresAt, $"the contender acquired at {acquired.At:O}, not before the expiry {expiresAt:O}");
        Assert.Single(contender.Events, e => e.What == "ACQUIRED");
    }

    [LeaseFact]
    public async Task On_SIGKILL_the_other_process_takes_over_after_the_lease_expires_and_not_before()
    {
        // Renewals every 400 ms against a 5 s expiry: a holder stalled for seconds on a loaded machine keeps its lease.
        string[] timings = ["--interval-ms", "400", "--timeout-ms", "5000", "--poll-ms", "20"];
        var holder = Start("holder", [.. timings, "--work", "-1", "--item-ms", "100"]);
        await holder.WaitFor("ACQUIRED");
        var contender = Start("contender", [.. timings, "--work", "0"]);
        await contender.WaitFor("WAITING");

        holder.Kill();
        await holder.WaitForExit();
        var held = await ReadRecord();   // the dead holder's last renewal: nobody changes it until it expires
        await contender.WaitFor("ACQUIRED");
        var taken = await ReadRecord();
        contender.Terminate();
        await contender.WaitForExit();
        output.WriteLine(holder.Transcript());
        output.WriteLine(contender.Transcript());

        Assert.Equal("holder", held.Owner);
        Assert.Equal("contender", taken.Owner);
        Assert.DoesNotContain(holder.Events, e => e.What is "RELEASED" or "STOPPED");
        // The contender's acquisition set its expiry to the store's time then plus the timeout: it was at or after
        // the holder's expiry, on the store's clock.
        var takenAt = taken.ExpiresAt - TimeSpan.FromSeconds(2);
        Assert.True(takenAt >= held.ExpiresAt, $"taken over at {takenAt:O}, before the holder's lease expired at {held.ExpiresAt:O}");
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

public sealed class FileLeaseCrossProcessTests(ITestOutputHelper output) : CrossProcessTests(output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actorshutdown-cross-{Guid.NewGuid():N}");

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
public sealed class PostgreSqlLeaseCrossProcessTests(ITestOutputHelper output) : CrossProcessTests(output)
{
    protected override IEnumerable<string> StoreArguments =>
        ["--kind", "postgresql", "--connection", PostgreSql.ConnectionString, "--table", PostgreSql.Table];

    protected override async Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecord()
    {
        var row = await PostgreSql.ReadRow(LeaseName);
        return (row.Owner, row.ExpiresAt);
    }
}
