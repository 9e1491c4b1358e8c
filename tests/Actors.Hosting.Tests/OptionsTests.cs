using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown.Hosting.Tests;

/// <summary>ShutdownGuardianOptions become akka.shutdown-guardian keys; a bad one fails at start naming its key.</summary>
public sealed class OptionsTests : IDisposable
{
    [Fact]
    public async Task Shielded_and_excluded_paths_set_through_the_options_protect_those_actors()
    {
        using var host = TestHosts.Build(TimeSpan.FromMinutes(10), system =>
        {
            system.ActorOf(Props.Create(() => new Cooperative()), "ledger");
            system.ActorOf(Props.Create(() => new Cooperative()), "metrics");
            system.ActorOf(Props.Create(() => new Cooperative()), "worker");
        }, options =>
        {
            options.ShieldedPaths.Add("/user/ledger");
            options.ExcludedPaths.Add("/user/metrics");
        });
        await host.StartAsync();

        await host.StopAsync();

        var report = await host.Guardian().Report.WaitAsync(TimeSpan.FromSeconds(5));
        var actors = report.Actors.ToDictionary(a => a.Path);
        Assert.Equal((true, 0, ActorFate.Drained), (actors["/user/ledger"].Shielded, actors["/user/ledger"].CancelAttempts, actors["/user/ledger"].Fate));
        Assert.Equal((true, 0), (actors["/user/metrics"].Excluded, actors["/user/metrics"].CancelAttempts));
        Assert.Equal((1, ActorFate.Stopped), (actors["/user/worker"].CancelAttempts, actors["/user/worker"].Fate));
    }

    [Fact]
    public async Task The_options_reach_the_guardians_settings_and_the_host_owns_the_signals()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10), configure: options =>
        {
            options.CancelInterval = TimeSpan.FromMilliseconds(250);
            options.MaxCancelAttempts = 3;
            options.EscalationTimeout = TimeSpan.FromMilliseconds(500);
            options.ShieldTimeout = TimeSpan.FromSeconds(4);
            options.Deadline = TimeSpan.FromSeconds(6);
        }, hocon: "akka.shutdown-guardian.shielded-paths = [\"/user/audit\"]");
        await host.StartAsync();

        var guardian = host.System().Settings.Config.GetConfig("akka.shutdown-guardian");
        Assert.Equal(TimeSpan.FromMilliseconds(250), guardian.GetTimeSpan("cancel-interval"));
        Assert.Equal(3, guardian.GetInt("max-cancel-attempts"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), guardian.GetTimeSpan("escalation-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(4), guardian.GetTimeSpan("shield-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(6), guardian.GetTimeSpan("deadline"));
        Assert.Equal(["/user/audit"], guardian.GetStringList("shielded-paths"));
        Assert.False(guardian.GetBoolean("run-by-signals"));
        Assert.False(host.System().Settings.Config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
        Assert.Equal("ActorShutdown.DequeMailbox, ActorShutdown", host.System().Settings.Config.GetString("akka.actor.mailbox.unbounded-deque-based.mailbox-type"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_negative_option_fails_the_start_with_a_ConfigurationException_naming_the_key()
    {
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10), configure: options => options.CancelInterval = TimeSpan.FromSeconds(-1));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Contains("akka.shutdown-guardian.cancel-interval", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Environment.ExitCode = 0;
}
