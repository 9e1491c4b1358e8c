using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorShutdown.Samples.Cluster;

/// <summary>Add one to a counter.</summary>
internal sealed record Add(string CounterId);

/// <summary>A sharded counter, kept in memory: it records its start and stop, and stops when cancelled.</summary>
internal sealed class Counter : ReceiveActor
{
    private readonly string _id;
    private int _value;

    public Counter(string id)
    {
        _id = id;
        Receive<Add>(_ => _value++);
        Receive<Cancel>(cancel =>
        {
            Events.Record($"entity-cancelled {_id} {cancel.Attempt} at {_value}");
            Context.Stop(Self);
        });
    }

    protected override void PreStart() => Events.Record($"entity-started {_id}");

    protected override void PostStop() => Events.Record($"entity-stopped {_id}");
}

/// <summary>Routes by counter id over ten shards.</summary>
internal sealed class CounterExtractor() : HashCodeMessageExtractor(10)
{
    public override string EntityId(object message) => message is Add add ? add.CounterId : null!;
}
