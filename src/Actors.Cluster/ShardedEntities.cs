using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// The guardian's part in Akka.Cluster.Sharding, one per actor system: the entities of the regions started through
/// ActorShutdown get a mailbox that turns their hand-off stop message into a cancel request
/// (<c>akka.shutdown-guardian.cancel-sharded-entities = on</c>); during a shutdown the guardian adopts each such entity,
/// so it applies its attempts and escalation to those that resist and lists them in the report. A task in
/// <c>cluster-sharding-shutdown-region</c> records whether the node's shards were handed off.
/// </summary>
internal sealed class ShardedEntities : IExtension
{
    /// <summary>The config path of the entities' mailbox.</summary>
    internal const string MailboxId = "actor-shutdown.sharded-entity-mailbox";

    internal const string HandOffTaskName = "shutdown-guardian-hand-off";

    private static readonly Provider Id = new();

    private readonly ExtendedActorSystem _system;
    private readonly ShutdownGuardian _guardian;
    private readonly CoordinatedShutdown _shutdown;
    private readonly HashSet<string> _typeNames = [];

    private ShardedEntities(ExtendedActorSystem system)
    {
        _system = system;
        _guardian = ShutdownGuardian.Get(system);
        _shutdown = CoordinatedShutdown.Get(system);
        system.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString(
            $"{MailboxId}.mailbox-type = \"{typeof(HandOffMailbox).FullName}, {typeof(HandOffMailbox).Assembly.GetName().Name}\""));
        WarnWhereTheScheduleDoesNotFit();
        _guardian.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, HandOffTaskName, AwaitHandOff);
    }

    private bool CancelEntities => _guardian.Settings.CancelShardedEntities;

    /// <summary>The system's instance, created on first use.</summary>
    public static ShardedEntities Get(ActorSystem system) => Id.Apply(system);

    /// <summary>
    /// The entity factory of region <paramref name="typeName"/>, its entities on the hand-off mailbox; the region's
    /// shards are awaited by the hand-off task.
    /// </summary>
    /// <exception cref="ArgumentException">An entity's props name a mailbox of their own.</exception>
    public Func<string, Props> Register(string typeName, Func<string, Props> entityPropsFactory)
    {
        lock (_typeNames) _typeNames.Add(typeName);
        return entityId =>
        {
            var props = entityPropsFactory(entityId);
            if (!string.IsNullOrEmpty(props.Mailbox) && props.Mailbox != MailboxId)
                throw new ArgumentException($"The entities of region '{typeName}' name the mailbox '{props.Mailbox}'; a cancellable region gives its entities {MailboxId}.", nameof(entityPropsFactory));
            return props.WithMailbox(MailboxId);
        };
    }

    /// <summary>
    /// The shard sends <paramref name="entity"/> its hand-off stop message (a hand-off or a passivation). With
    /// <c>cancel-sharded-entities</c> on this is a cancel request: during a shutdown the guardian adopts the entity and
    /// makes it (then the next attempts and the escalation); otherwise one request is made at once.
    /// </summary>
    /// <returns>Whether a cancel request took the stop message's place.</returns>
    public bool HandOff(IActorRef entity)
    {
        if (!CancelEntities) return false;
        if (_shutdown.ShutdownReason is null) _guardian.Cancel(entity);
        else _guardian.Adopt(entity);
        return true;
    }

    /// <summary>
    /// The hand-off task: completes when every region started through ActorShutdown has stopped, its shards handed
    /// off. A downed node hands nothing off: the task fails, and the report is not clean.
    /// </summary>
    private async Task AwaitHandOff(CancellationToken token)
    {
        if (_shutdown.ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
            throw new InvalidOperationException("This node was downed: its shards were not handed off, its entities stopped where they were.");
        string[] typeNames;
        lock (_typeNames) typeNames = [.. _typeNames];
        if (typeNames.Length == 0) return;
        var sharding = ClusterSharding.Get(_system);
        foreach (var typeName in typeNames)
            await sharding.ShardRegion(typeName).WatchAsync(token).ConfigureAwait(false);
    }

    /// <summary>Entities are cancelled in cluster-sharding-shutdown-region: say so at load when their schedule does not fit its timeout.</summary>
    private void WarnWhereTheScheduleDoesNotFit()
    {
        var settings = _guardian.Settings;
        var phase = CoordinatedShutdown.PhaseClusterShardingShutdownRegion;
        var timeout = _shutdown.Timeout(phase);
        if (!CancelEntities || settings.CancelSchedule <= timeout) return;
        _system.Log.Warning(string.Create(CultureInfo.InvariantCulture,
            $"The cancel schedule of sharded entities ({settings.MaxCancelAttempts} × {settings.CancelInterval} + {settings.EscalationTimeout} = {settings.CancelSchedule}, "
            + $"with {ShutdownGuardianSettings.Key("cancel-sharded-entities")} = on) does not fit the timeout of the hand-off phase ({timeout}): an entity "
            + $"still resisting when it times out leaves its shard behind and the report not clean. Lengthen akka.coordinated-shutdown.phases.{phase}.timeout "
            + $"or shorten {ShutdownGuardianSettings.Key("cancel-interval")}, max-cancel-attempts or escalation-timeout."));
    }

    private sealed class Provider : ExtensionIdProvider<ShardedEntities>
    {
        public override ShardedEntities CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
