using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Which instance of an actor is running in its cell: a token belongs to one incarnation, so a restarted actor gets
/// a fresh one.
/// </summary>
/// <remarks>
/// Akka exposes neither the cell's current instance nor whether an instance has been cleared (replaced by a restart
/// or stopped); both are internal (<c>ActorCell.Actor</c>, <c>ActorBase.HasBeenCleared</c>, Akka 1.5.75). Plain
/// actors give us no restart hook, so the incarnation is read from them. A test calls both accessors and fails with
/// <see cref="MissingMethodException"/> if Akka renames them.
/// </remarks>
internal static class ActorIncarnation
{
    /// <summary>The instance running in <paramref name="cell"/>; null while a new one is being constructed.</summary>
    /// <remarks>
    /// While a restarted actor's constructor runs, the cell still holds the failed instance, already cleared; at the
    /// first start it holds none.
    /// </remarks>
    public static ActorBase? Running(ActorCell cell)
    {
        var actor = GetActor(cell);
        return actor is null || HasBeenCleared(actor) ? null : actor;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Actor")]
    private static extern ActorBase? GetActor(ActorCell cell);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_HasBeenCleared")]
    private static extern bool HasBeenCleared(ActorBase actor);
}
