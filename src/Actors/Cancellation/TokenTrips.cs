namespace ActorShutdown;

/// <summary>
/// How tokens are tripped: never on the requester's thread, and counted while their callbacks run. Those callbacks
/// run on the thread pool (an awaiting actor resumes from one), where nothing else shows them once they have started;
/// a driver of virtual time (the TestKit's) waits for none to be left before it moves the clock.
/// </summary>
internal static class TokenTrips
{
    private static int _inFlight;

    /// <summary>Trips whose callbacks have not all run yet.</summary>
    public static int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Trips <paramref name="source"/>, if it is not tripped yet; its callbacks run on the thread pool.</summary>
    public static void Trip(CancellationTokenSource? source)
    {
        if (source is null || source.IsCancellationRequested) return;
        Interlocked.Increment(ref _inFlight);
        source.CancelAsync().ContinueWith(
            static _ => Interlocked.Decrement(ref _inFlight), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Trips the token sources <paramref name="sourceOf"/> picks from <paramref name="items"/> (null: none), on threads
    /// of their own, a share each. Not on the thread pool: there each trip's continuations (an actor resuming) would
    /// be queued locally and run before the next trips, so the last token of 100,000 would be tripped only when nearly
    /// every actor had resumed. A failure (a callback that throws) does not stop the others and never escapes the
    /// thread, which would end the process; <paramref name="failed"/> is told of it. <paramref name="done"/> is called
    /// once all are tripped, before they stop counting as in flight.
    /// </summary>
    /// <returns>Whether there were any items; if not, <paramref name="done"/> is not called.</returns>
    public static bool TripAll<T>(List<T> items, Func<T, CancellationTokenSource?> sourceOf, Action<Exception> failed, Action done)
    {
        if (items.Count == 0) return false;
        var threads = items.Count < 1024 ? 1 : Math.Clamp(2 * Environment.ProcessorCount, 2, 8);
        var share = (items.Count + threads - 1) / threads;
        var left = (items.Count + share - 1) / share;
        Interlocked.Add(ref _inFlight, left);
        for (var start = 0; start < items.Count; start += share)
        {
            var (from, to) = (start, Math.Min(start + share, items.Count));
            new Thread(() =>
            {
                try
                {
                    for (var i = from; i < to; i++)
                    {
                        try
                        {
                            sourceOf(items[i])?.Cancel();
                        }
                        catch (Exception e)
                        {
                            Report(failed, e);
                        }
                    }
                }
                finally
                {
                    if (Interlocked.Decrement(ref left) == 0) done();
                    Interlocked.Decrement(ref _inFlight);
                }
            }) { IsBackground = true, Name = "token-trips" }.Start();
        }
        return true;
    }

    private static void Report(Action<Exception> failed, Exception e)
    {
        try
        {
            failed(e);
        }
        catch (Exception)
        {
            Console.Error.WriteLine($"A callback of a cancelled token threw: {e}");   // the log failed: the last place left
        }
    }
}
