using Akka.Actor;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>An ordinary actor under /user that records in <see cref="World"/> when it is cancelled and when it stops.</summary>
public sealed class Recorder : ReceiveActor
{
    private readonly World _world;
    private readonly string _node;

    public Recorder(World world, string node)
    {
        _world = world;
        _node = node;
        Receive<Cancel>(cancel =>
        {
            _world.Record(Self.Path.Name, _node, $"cancel {cancel.Attempt}");
            Context.Stop(Self);
        });
    }

    protected override void PostStop() => _world.Record(Self.Path.Name, _node, World.Stopped);
}
