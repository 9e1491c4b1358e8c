using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Akka;
using Akka.Actor;

namespace ActorShutdown.App.Service;

/// <summary>
/// What <c>plan</c> and the progress line need and Akka 1.5.75 keeps internal: the order in which its phases run
/// (computed from <c>depends-on</c> and kept in <c>OrderedPhases</c>) and the names of the tasks added to each phase
/// (<c>_tasks</c>). <see cref="UnsafeAccessorAttribute"/> reads the fields without reflection; the App's plan test
/// fails loudly if Akka renames or retypes them.
/// </summary>
internal static class AkkaInternals
{
    /// <summary>The phases in the order Akka runs them.</summary>
    public static IReadOnlyList<string> PhaseOrder(CoordinatedShutdown shutdown) => [.. OrderedPhases(shutdown)];

    /// <summary>The names of the tasks added to <paramref name="phase"/>, in the order they were added.</summary>
    public static IReadOnlyList<string> TaskNames(CoordinatedShutdown shutdown, string phase) =>
        Tasks(shutdown).TryGetValue(phase, out var tasks) ? [.. tasks.Select(t => t.Item1)] : [];

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "OrderedPhases")]
    private static extern ref List<string> OrderedPhases(CoordinatedShutdown shutdown);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_tasks")]
    private static extern ref ConcurrentDictionary<string, ImmutableList<(string, Func<Task<Done>>)>> Tasks(CoordinatedShutdown shutdown);
}
