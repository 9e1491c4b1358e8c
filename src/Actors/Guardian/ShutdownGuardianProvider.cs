using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Loads the <see cref="ShutdownGuardian"/> extension: <c>akka.extensions = ["ActorShutdown.ShutdownGuardianProvider, ActorShutdown"]</c>
/// or <see cref="ShutdownGuardian.Get"/>.
/// </summary>
public sealed class ShutdownGuardianProvider : ExtensionIdProvider<ShutdownGuardian>
{
    /// <summary>Creates the guardian of <paramref name="system"/>; Akka calls this once per system.</summary>
    /// <param name="system">The actor system.</param>
    public override ShutdownGuardian CreateExtension(ExtendedActorSystem system) => new(system);
}
