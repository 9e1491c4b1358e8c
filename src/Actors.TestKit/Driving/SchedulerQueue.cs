using System.Collections;
using System.Reflection;
using Akka.TestKit;

namespace ActorShutdown.TestKit;

/// <summary>When the earliest item scheduled on a <see cref="TestScheduler"/> is due.</summary>
/// <remarks>
/// <see cref="TestScheduler"/> fires everything due by the end of an <c>Advance</c> at once, without letting actors
/// react in between, and re-arms a repeating item only once per <c>Advance</c>. Stepping the clock from one due item
/// to the next avoids both, and it needs the next due time, which the scheduler keeps in its private
/// <c>_scheduledWork</c> (due ticks → items); it is read here by reflection, and the kit's tests check it, so a
/// change in Akka.TestKit fails loudly. Cancelled items stay there until their time: stepping to one is harmless.
/// </remarks>
internal static class SchedulerQueue
{
    private static readonly FieldInfo Work =
        typeof(TestScheduler).GetField("_scheduledWork", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingFieldException(nameof(TestScheduler), "_scheduledWork");

    /// <summary>The due time of the earliest scheduled item, or null when nothing is scheduled.</summary>
    public static DateTimeOffset? NextDue(TestScheduler scheduler)
    {
        var work = Work.GetValue(scheduler) as IDictionary
            ?? throw new InvalidOperationException("TestScheduler._scheduledWork is no longer a dictionary of due ticks");
        long? earliest = null;
        foreach (var key in work.Keys)
        {
            var ticks = (long)key;
            if (earliest is null || ticks < earliest) earliest = ticks;
        }
        return earliest is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }
}
