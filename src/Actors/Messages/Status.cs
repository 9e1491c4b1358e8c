namespace ActorShutdown;

/// <summary>Replies that say how an operation ended; a <see cref="Failure"/> reply faults an <c>Ask</c>.</summary>
public static class Status
{
    /// <summary>The operation succeeded.</summary>
    /// <param name="Value">An optional result.</param>
    public sealed record Success(object? Value);

    /// <summary>The operation failed.</summary>
    /// <param name="Cause">Why.</param>
    public sealed record Failure(Exception Cause);
}
