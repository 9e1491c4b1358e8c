namespace ActorShutdown;

/// <summary>Stops the actor when it reaches the front of the mailbox: the messages queued before it are processed first.</summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "PoisonPill";
}
