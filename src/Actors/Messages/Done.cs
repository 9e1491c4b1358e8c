namespace ActorShutdown;

/// <summary>A plain acknowledgement.</summary>
public sealed class Done
{
    private Done() { }

    /// <summary>The single instance.</summary>
    public static Done Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "Done";
}
