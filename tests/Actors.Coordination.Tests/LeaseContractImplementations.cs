using ActorShutdown.Coordination.Tests.Support;
using Akka.Configuration;
using Akka.Coordination;
using Xunit.Abstractions;

namespace ActorShutdown.Coordination.Tests;

public sealed class TestLeaseContractTests(ITestOutputHelper output) : LeaseContractTests("""
    lease-class = "ActorShutdown.TestKit.TestLease, ActorShutdown.TestKit"
    heartbeat-interval = 1s
    heartbeat-timeout = 5s
    lease-operation-timeout = 2s
    """, output);

public sealed class FileLeaseContractTests : LeaseContractTests
{
    public FileLeaseContractTests(ITestOutputHelper output) : this(Path.Combine(Path.GetTempPath(), $"actorshutdown-contract-{Guid.NewGuid():N}"), output)
    {
    }

    private FileLeaseContractTests(string directory, ITestOutputHelper output) : base($"""
        lease-class = "ActorShutdown.Coordination.FileLease, ActorShutdown.Coordination"
        heartbeat-interval = 1s
        heartbeat-timeout = 5s
        lease-operation-timeout = 2s
        directory = "{directory}"
        """, output) => Directory = directory;

    private string Directory { get; }

    protected override void AfterAll()
    {
        base.AfterAll();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// Against the PostgreSQL server of <c>ACTORSHUTDOWN_PG</c>, whose clock (<c>now()</c>) decides expiry: the tests that
/// wait for an expiry wait for it in real time (a 2 s heartbeat timeout) and assert the order on the database's clock.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlLeaseContractTests(ITestOutputHelper output) : LeaseContractTests($"""
    lease-class = "ActorShutdown.Coordination.PostgreSqlLease, ActorShutdown.Coordination"
    heartbeat-interval = 300ms
    heartbeat-timeout = 2s
    lease-operation-timeout = 5s
    connection-string = "{PostgreSql.ConnectionString}"
    table = {PostgreSql.Table}
    """, output)
{
    /// <summary>The holder heartbeats on a real scheduler, in real time, until the database's clock is past its first expiry.</summary>
    [LeaseFact]
    public override async Task Heartbeats_keep_the_lease_past_its_timeout()
    {
        var realTime = NewSystem("real-time", ConfigurationFactory.ParseString("akka.scheduler.implementation = \"Akka.Actor.HashedWheelTimerScheduler, Akka\"")
            .WithFallback(Sys.Settings.Config));
        var a = Lease(realTime, "a");
        var b = Lease(Other, "b");
        Assert.True(await a.Acquire());
        var firstExpiry = (await PostgreSql.ReadRow(Name)).ExpiresAt;

        await AwaitConditionAsync(async () => await PostgreSql.Now() > firstExpiry + Interval, Patience, TimeSpan.FromMilliseconds(100));

        Assert.True(a.CheckLease());
        Assert.False(await b.Acquire());
        Assert.Equal("a", (await PostgreSql.ReadRow(Name)).Owner);
    }

    /// <summary>The contender tries until it gets the lease; the database recorded its acquisition at or after the holder's expiry.</summary>
    protected override async Task TakeOverAfterExpiry(Lease contender)
    {
        var held = await PostgreSql.ReadRow(Name);
        Assert.False(await contender.Acquire());

        await AwaitConditionAsync(() => contender.Acquire(), Timeout + Patience, TimeSpan.FromMilliseconds(100));

        var taken = await PostgreSql.ReadRow(Name);
        Assert.Equal(contender.Settings.OwnerName, taken.Owner);
        Assert.True(taken.RenewedAt >= held.ExpiresAt, $"taken at {taken.RenewedAt:O}, before the holder's lease expired at {held.ExpiresAt:O}");
    }
}
