using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// The order in which Akka runs its coordinated-shutdown phases. Akka computes it from <c>depends-on</c> but keeps it
/// in an internal field; reading that field (an <see cref="UnsafeAccessorAttribute"/>, no reflection cost) gives the
/// report exactly Akka's order, ties included, instead of a second sort that could order independent phases
/// differently. AkkaInternalsTests fails loudly if Akka renames or retypes the field.
/// </summary>
internal static class AkkaPhaseOrder
{
    internal static IReadOnlyList<string> Of(CoordinatedShutdown shutdown) => [.. OrderedPhases(shutdown)];

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "OrderedPhases")]
    private static extern ref List<string> OrderedPhases(CoordinatedShutdown shutdown);
}
