using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>Add one to a counter; a held one waits for <see cref="World.Gate"/> (work in flight) before it persists.</summary>
public sealed record Add(string EntityId, string RequestId, bool Hold);

/// <summary>The increment of <see cref="Add"/> <paramref name="RequestId"/> is persisted, by the entity on <paramref name="Node"/>.</summary>
public sealed record Ack(string RequestId, string Node);

public sealed record GetValue(string EntityId);

/// <summary>The requests whose increments a counter holds.</summary>
public sealed record CounterValue(string EntityId, string[] RequestIds);

/// <summary>The persisted event: one increment, by request (a retried request counts once).</summary>
public sealed record Added(string RequestId);

/// <summary>
/// A sharded counter persisted with Akka.Persistence. It logs its starts and stops and the work the token
/// interrupted in <see cref="World"/>; it stops on <see cref="Cancel"/>, or, made to resist, ignores it.
/// </summary>
public sealed class Counter : ReceivePersistentActor
{
    private readonly string _entityId;
    private readonly World _world;
    private readonly string _node;
    private readonly HashSet<string> _applied = [];

    public Counter(string entityId, World world, string node, bool resist = false)
    {
        _entityId = entityId;
        _world = world;
        _node = node;
        Recover<Added>(added => _applied.Add(added.RequestId));
        CommandAsync<Add>(OnAdd);
        Command<GetValue>(_ => Sender.Tell(new CounterValue(_entityId, [.. _applied])));
        Command<Cancel>(cancel =>
        {
            _world.Record(_entityId, _node, $"cancel {cancel.Attempt}");
            if (!resist) Context.Stop(Self);
        });
    }

    public override string PersistenceId => $"{_world.RunId}-{_entityId}";

    protected override void PreStart()
    {
        _world.Record(_entityId, _node, World.Started);
        base.PreStart();
    }

    protected override void PostStop()
    {
        _world.Record(_entityId, _node, World.Stopped);
        base.PostStop();
    }

    private async Task OnAdd(Add add)
    {
        var sender = Sender;
        if (add.Hold && !_applied.Contains(add.RequestId))
        {
            var token = Context.CancellationToken;
            _world.Record(_entityId, _node, $"working {add.RequestId}");
            try
            {
                await _world.Gate.WaitAsync(token);
            }
            catch (OperationCanceledException)
            {
                // Not acknowledged: the sender retries, and the entity's next incarnation does the work.
                _world.Record(_entityId, _node, $"interrupted {add.RequestId}");
                return;
            }
        }
        if (_applied.Contains(add.RequestId))
        {
            sender.Tell(new Ack(add.RequestId, _node));
            return;
        }
        Persist(new Added(add.RequestId), added =>
        {
            _applied.Add(added.RequestId);
            sender.Tell(new Ack(added.RequestId, _node));
        });
    }
}

/// <summary>Routes by entity id over ten shards.</summary>
public sealed class CounterExtractor() : HashCodeMessageExtractor(10)
{
    public override string EntityId(object message) => message switch
    {
        Add add => add.EntityId,
        GetValue get => get.EntityId,
        _ => null!,
    };
}
