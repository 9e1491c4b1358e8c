using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary>Every kind of bad input: one line naming the option and what is wrong, exit code 2, before the service runs.</summary>
public sealed class BadInputTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("app-bad-input-").FullName;

    [Theory]
    [InlineData("--run-for", "--run-for", "3x")]
    [InlineData("--run-for", "--run-for", "-2s")]
    [InlineData("--run-for", "--run-for", "0s")]
    [InlineData("--workers", "--workers", "abc")]
    [InlineData("--workers", "--workers", "-1")]
    [InlineData("--set: nosuch.key", "--set", "nosuch.key=1")]
    [InlineData("--set: app.workers", "--set", "app.workers=abc")]
    [InlineData("--set: app.produce-interval", "--set", "app.produce-interval=-5ms")]
    [InlineData("--set: akka.shutdown-guardian.cancel-interval", "--set", "akka.shutdown-guardian.cancel-interval=-1s")]
    [InlineData("--set: akka.shutdown-guardian.max-cancel-attempts", "--set", "akka.shutdown-guardian.max-cancel-attempts=many")]
    [InlineData("--set: akka.coordinated-shutdown.phases.service-stop.timeout", "--set", "akka.coordinated-shutdown.phases.service-stop.timeout=soon")]
    public async Task A_bad_option_value_is_one_line_naming_the_option_and_exit_code_2(string named, string option, string value)
    {
        await AssertUsageError(named, option, value);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--ledger")]
    public async Task A_path_that_cannot_be_written_is_refused_before_the_service_runs(string option)
    {
        // A file where a folder should be: nobody, not even root, can create a file under it.
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "");

        await AssertUsageError(option, option, Path.Combine(file, "out"));
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        await AssertUsageError("--bogus", "--bogus");
    }

    private async Task AssertUsageError(string named, params string[] args)
    {
        using var app = AppProcess.Start(log, [.. args, "--ledger", Path.Combine(_dir, "ledger.log")]);

        Assert.Equal(2, await app.WaitForExitAsync());

        // One line, so no stack trace and no sign of the service having started.
        var line = Assert.Single(app.Lines);
        Assert.StartsWith("stderr: error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
