namespace ActorShutdown;

/// <summary>A snapshot of a shutdown's progress, safe to read from any thread.</summary>
public sealed class ShutdownProgress
{
    internal ShutdownProgress(string? phase, int actorsLeft, int cancelRequestsSent)
    {
        Phase = phase;
        ActorsLeft = actorsLeft;
        CancelRequestsSent = cancelRequestsSent;
    }

    /// <summary>The phase running now; null before and after the run.</summary>
    public string? Phase { get; }

    /// <summary>Actors in scope not yet terminated or abandoned.</summary>
    public int ActorsLeft { get; }

    /// <summary>Cancel requests sent so far in this run.</summary>
    public int CancelRequestsSent { get; }

    /// <summary>A one-line description, such as <c>service-requests-done: 3 actor(s) left, 12 cancel request(s) sent</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Phase ?? "not running"}: {ActorsLeft} actor(s) left, {CancelRequestsSent} cancel request(s) sent");
}
