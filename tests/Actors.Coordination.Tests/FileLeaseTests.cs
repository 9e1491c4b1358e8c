using ActorShutdown.Configuration;
using ActorShutdown.TestKit;

namespace ActorShutdown.Coordination.Tests;

public sealed class FileLeaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actorshutdown-filelease-{Guid.NewGuid():N}");
    private readonly ManualTime _time = new();

    [Theory]
    [InlineData("job", "job.lease")]
    [InlineData("orders.v2-eu_1", "orders.v2-eu_1.lease")]
    [InlineData("a/b", "a%2Fb.lease")]
    [InlineData("../up", "%2E.%2Fup.lease")]
    [InlineData("a b%", "a%20b%25.lease")]
    [InlineData("é", "%C3%A9.lease")]
    public void Lease_names_map_to_distinct_safe_file_names(string name, string file) =>
        Assert.Equal(file, FileLease.FileNameOf(name));

    [Fact]
    public async Task The_lock_file_records_owner_and_expiry()
    {
        var lease = Lease("job", "owner-a");

        Assert.True(await lease.Acquire());
        var (owner, expiresAt) = await FileLease.ReadRecordAsync(lease.FilePath);
        Assert.Equal("owner-a", owner);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), expiresAt);

        Assert.True(await lease.Release());
        Assert.Null((await FileLease.ReadRecordAsync(lease.FilePath)).Owner);
    }

    [Fact]
    public async Task A_lock_file_that_is_not_a_lease_record_counts_as_free()
    {
        Directory.CreateDirectory(_directory);
        var lease = Lease("job", "owner-a");
        await File.WriteAllTextAsync(lease.FilePath, "not json {");

        Assert.True(await lease.Acquire());
        Assert.Equal("owner-a", (await FileLease.ReadRecordAsync(lease.FilePath)).Owner);
    }

    [Fact]
    public async Task A_shorter_record_overwrites_a_longer_one_cleanly()
    {
        var longOwner = Lease("job", new string('x', 300));
        var shortOwner = Lease("job", "y");
        Assert.True(await longOwner.Acquire());
        Assert.True(await longOwner.Release());

        Assert.True(await shortOwner.Acquire());

        Assert.Equal("y", (await FileLease.ReadRecordAsync(shortOwner.FilePath)).Owner);
    }

    [Fact]
    public async Task A_directory_that_cannot_be_created_is_a_LeaseException_not_a_timeout()
    {
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"{Path.GetFileName(_directory)}-file"), "");
        var lease = new FileLease(Settings("job", "a", Path.Combine(Path.GetTempPath(), $"{Path.GetFileName(_directory)}-file", "sub")), _time);

        var error = await Assert.ThrowsAsync<LeaseException>(() => lease.Acquire());
        Assert.IsNotType<LeaseTimeoutException>(error);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        File.Delete(Path.Combine(Path.GetTempPath(), $"{Path.GetFileName(_directory)}-file"));
    }

    [Fact]
    public async Task The_directory_can_come_from_an_environment_variable()
    {
        var variable = $"ACTORSHUTDOWN_TEST_LEASE_DIR_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, _directory);
        try
        {
            var config = ConfigurationFactory.ParseString($"directory = \"/nowhere\"\ndirectory = ${{?{variable}}}");
            var lease = new FileLease(new LeaseSettings("job", "a", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), config), _time);

            Assert.Equal(_directory, lease.Directory);
            Assert.True(await lease.Acquire());
            Assert.True(File.Exists(Path.Combine(_directory, "job.lease")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Reading_the_record_of_a_lease_never_taken_finds_no_file() =>
        await Assert.ThrowsAnyAsync<IOException>(() => FileLease.ReadRecordAsync(Path.Combine(_directory, "none.lease")));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private FileLease Lease(string name, string owner) => new(Settings(name, owner, _directory), _time);

    private static LeaseSettings Settings(string name, string owner, string directory) =>
        new(name, owner, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2),
            ConfigurationFactory.ParseString($"directory = \"{directory}\""));
}
