namespace ActorShutdown.Tests.Shutdown.Support;

/// <summary>The event ids of ShutdownLog, by meaning.</summary>
internal static class ShutdownEvents
{
    public const int PhaseStarting = 2;
    public const int PhaseFinished = 3;
    public const int TaskFailed = 4;
    public const int PhaseTimedOut = 5;
    public const int PhaseCutShort = 6;
    public const int ShutdownAborted = 7;
    public const int TaskAddedTooLate = 9;
}
