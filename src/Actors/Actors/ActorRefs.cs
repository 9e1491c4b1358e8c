namespace ActorShutdown;

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>"No sender": pass it to <see cref="IActorRef.Tell"/> when there is nobody to reply to.</summary>
    public static IActorRef? NoSender => null;

    /// <summary>A ref that silently discards everything sent to it.</summary>
    public static IActorRef Nobody { get; } = new NobodyRef();

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root.Child("nobody");

        public void Tell(object message, IActorRef? sender = null) => ArgumentNullException.ThrowIfNull(message);

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

        public override string ToString() => "Nobody";
    }
}
