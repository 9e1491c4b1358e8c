namespace ActorShutdown;

/// <summary>Makes the actor throw <see cref="ActorKilledException"/> when it reaches the front of the mailbox; the supervisor then stops it.</summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "Kill";
}
