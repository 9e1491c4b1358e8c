namespace ActorShutdown.Tests.Shutdown.Support;

/// <summary>An actor ref with only a path, enough for report lookups.</summary>
internal sealed class FakeActorRef(ActorPath path) : IActorRef
{
    public ActorPath Path { get; } = path;

    /// <summary>The ref for a path such as "/user/a/b".</summary>
    public static FakeActorRef At(string path) =>
        new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(ActorPath.Root, (p, name) => p.Child(name)));

    public void Tell(object message, IActorRef? sender = null) => throw new NotSupportedException();

    public bool Equals(IActorRef? other) => other is not null && Path.Equals(other.Path);
}
