using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorShutdown.Cluster.Tests;

/// <summary>What the cluster support checks before any hand-off: entity props, and the schedule against the phase.</summary>
public sealed class ShardedEntitiesTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.shutdown-guardian.run-by-signals = off", output)
{
    [Fact]
    public void Entity_props_that_name_a_mailbox_of_their_own_are_refused_naming_the_region_and_the_mailbox()
    {
        var factory = ShardedEntities.Get(Sys).Register("orders", _ => Props.Empty.WithMailbox("my-mailbox"));

        var refused = Assert.Throws<ArgumentException>(() => factory("1"));
        Assert.Contains("'orders'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'my-mailbox'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ShardedEntities.MailboxId, ShardedEntities.Get(Sys).Register("orders", _ => Props.Empty)("1").Mailbox);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void A_cancel_schedule_longer_than_the_hand_off_phase_is_a_warning_at_load_when_entities_are_cancelled(string cancel, bool warned)
    {
        // The defaults: 10 attempts 1s apart and 2s of escalation, against the phase's 10s.
        using var system = ActorSystem.Create("schedule", ConfigurationFactory.ParseString($$"""
            akka.shutdown-guardian { run-by-signals = off, cancel-sharded-entities = {{cancel}} }
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """));
        var probe = CreateTestProbe(system);
        system.EventStream.Subscribe(probe, typeof(Warning));

        ShardedEntities.Get(system);

        // The warning is published while the extension loads: it is in the probe's queue once Get has returned.
        var warnings = probe.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => (m as Warning)?.Message.ToString())
            .Where(m => m!.Contains("cancel-sharded-entities", StringComparison.Ordinal)).ToList();
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("cluster-sharding-shutdown-region.timeout", w, StringComparison.Ordinal));
    }
}
