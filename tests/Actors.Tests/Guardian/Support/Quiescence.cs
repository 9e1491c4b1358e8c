using System.Diagnostics;
using System.Reflection;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// Tells when an actor system has nothing left to do until its clock moves: every mailbox idle, with no
/// system message waiting and no ordinary message it could take. A test that advances a manual clock only
/// once the system is quiet never overtakes work still on its way (the guardian arming its timer, an actor
/// handling its Cancel). It reads the mailbox's private state by reflection, so the kernel carries no test
/// hook; a rename there fails loudly here.
/// </summary>
internal static class Quiescence
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly FieldInfo Status = Field("_status");
    private static readonly FieldInfo SystemQueue = Field("_system");
    private static readonly FieldInfo Messages = Field("_messages");
    private static readonly PropertyInfo AcceptsMessages = Property("AcceptsMessages");
    private static readonly PropertyInfo HasPriorityMessage = Property("HasPriorityMessage");

    /// <summary>
    /// Waits until <paramref name="system"/> has been quiet on two checks in a row, each after a round trip
    /// through the thread pool's global queue (so work queued there, such as a phase task about to tell the
    /// guardian something, gets to run first). Actors in <paramref name="busy"/> (blocked on purpose) are
    /// not waited for, nor are their descendants.
    /// </summary>
    /// <exception cref="TimeoutException">It was not quiet within <paramref name="guard"/> (real time).</exception>
    public static void Settle(ActorSystem system, TimeSpan guard, IReadOnlyCollection<IActorRef>? busy = null, Func<bool>? alsoWaitFor = null)
    {
        var clock = Stopwatch.StartNew();
        for (var quiet = 0; quiet < 2;)
        {
            if (!Barrier().Wait(guard)) throw new TimeoutException("The thread pool ran nothing for " + guard);
            if (IsQuiet(system, busy) && (alsoWaitFor is null || alsoWaitFor())) quiet++;
            else quiet = 0;
            if (clock.Elapsed > guard) throw NotSettled(system, busy, guard);
        }
    }

    /// <inheritdoc cref="Settle"/>
    public static async Task SettleAsync(ActorSystem system, TimeSpan guard, IReadOnlyCollection<IActorRef>? busy = null, Func<bool>? alsoWaitFor = null)
    {
        var clock = Stopwatch.StartNew();
        for (var quiet = 0; quiet < 2;)
        {
            await Barrier().WaitAsync(guard);
            if (IsQuiet(system, busy) && (alsoWaitFor is null || alsoWaitFor())) quiet++;
            else quiet = 0;
            if (clock.Elapsed > guard) throw NotSettled(system, busy, guard);
        }
    }

    private static TimeoutException NotSettled(ActorSystem system, IReadOnlyCollection<IActorRef>? busy, TimeSpan guard)
    {
        var actors = BusyActors(system, busy).Take(10).ToList();
        return new TimeoutException(actors.Count > 0
            ? $"The actor system did not settle within {guard}; busy: {string.Join(", ", actors)}"
            : $"The actor system was quiet, but the test's own condition (such as a phase having started its tasks) did not hold within {guard}");
    }

    /// <summary>The actors with work they could do now, and why, for a failure message.</summary>
    public static string Describe(ActorSystem system)
    {
        var busy = BusyActors(system, null).Take(10).ToList();
        return busy.Count == 0 ? "no actor busy" : "busy: " + string.Join(", ", busy);
    }

    /// <summary>True when no actor of the system (but those in <paramref name="busy"/>) has work it could do now.</summary>
    public static bool IsQuiet(ActorSystem system, IReadOnlyCollection<IActorRef>? busy = null) => !BusyActors(system, busy).Any();

    private static IEnumerable<string> BusyActors(ActorSystem system, IReadOnlyCollection<IActorRef>? busy)
    {
        var pending = new Stack<ActorCell>();
        pending.Push(system.Root);
        while (pending.TryPop(out var cell))
        {
            if (busy is not null && busy.Any(b => b.Path.Equals(cell.Path))) continue;
            if (Busy(cell) is { } why) yield return $"{cell.Path} ({why})";
            foreach (var child in cell.Children) pending.Push((ActorCell)child);
        }
    }

    /// <summary>Why the actor is not idle, or null when it is.</summary>
    private static string? Busy(ActorCell cell)
    {
        if ((int)Status.GetValue(cell)! != 0) return "running or scheduled";
        if (((MpscQueue)SystemQueue.GetValue(cell)!).HasItems) return "system message waiting";
        if (!(bool)AcceptsMessages.GetValue(cell)!) return null;   // waiting (an async handler, a restart): only time or a reply moves it
        if ((bool)HasPriorityMessage.GetValue(cell)!) return "Cancel waiting";
        return ((MpscQueue)Messages.GetValue(cell)!).HasItems ? "message waiting" : null;
    }

    /// <summary>Completes once a work item queued now on the pool's global queue has run.</summary>
    private static Task Barrier()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.SetResult(), done, preferLocal: false);
        return done.Task;
    }

    private static FieldInfo Field(string name) =>
        typeof(Mailbox).GetField(name, Private) ?? throw new MissingFieldException(nameof(Mailbox), name);

    private static PropertyInfo Property(string name) =>
        typeof(ActorCell).GetProperty(name, Private) ?? throw new MissingMemberException(nameof(ActorCell), name);
}
