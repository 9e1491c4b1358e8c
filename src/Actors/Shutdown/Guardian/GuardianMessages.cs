namespace ActorShutdown;

/// <summary>The messages the shutdown guardian's actor takes (from its facade, the phase tasks, the creation hook and its timer).</summary>
internal abstract record GuardianMessage
{
    /// <summary><c>Shield</c> (Excluded false) or <c>Exclude</c> (Excluded true).</summary>
    public sealed record Protect(ActorCell Actor, bool Excluded, TimeSpan? Bound) : GuardianMessage;

    public sealed record Unshield(ActorCell Actor) : GuardianMessage;

    public sealed record BeginCancelPhase(TaskCompletionSource Done, ShutdownReason Reason, long RunStart) : GuardianMessage;

    public sealed record BeginShieldPhase(TaskCompletionSource Done) : GuardianMessage;

    /// <summary>The shield phase timed out: every shield ends now.</summary>
    public sealed record EndShields : GuardianMessage;

    /// <summary>An actor was created after the scope was taken.</summary>
    public sealed record ActorCreated(ActorCell Actor) : GuardianMessage;

    /// <summary>The guardian's single timer: the earliest scheduled step is due.</summary>
    public sealed record Tick : GuardianMessage
    {
        public static readonly Tick Instance = new();
    }
}
