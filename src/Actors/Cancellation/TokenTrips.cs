namespace ActorShutdown;

/// <summary>
/// How many tripped tokens still have callbacks to run, in this process. Those callbacks run on the thread pool (an
/// awaiting actor resumes from one), where nothing else shows them once they have started; a driver of virtual time
/// (the TestKit's) waits for none to be left before it moves the clock. Two interlocked operations per trip.
/// </summary>
internal static class TokenTrips
{
    private static int _inFlight;

    /// <summary>Tripped tokens whose callbacks have not all run yet.</summary>
    public static int InFlight => Volatile.Read(ref _inFlight);

    public static void Started() => Interlocked.Increment(ref _inFlight);

    public static void Ended() => Interlocked.Decrement(ref _inFlight);
}
