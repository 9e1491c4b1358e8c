using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// The cancellation model's part of an actor system: the two rules Akka cannot be asked to apply to plain actors. An
/// actor that leaves a <see cref="Cancel"/> unhandled is stopped (<see cref="UnhandledCancelStopper"/>), and the token
/// of a plain actor that stops by any means is tripped (<see cref="TokenWatcher"/>). An Akka extension, so it is
/// created once per system however many callers install it at once.
/// </summary>
internal sealed class CancellationSupport : IExtension
{
    private static readonly Provider Id = new();

    private CancellationSupport(ExtendedActorSystem system)
    {
        system.EventStream.Subscribe(new UnhandledCancelStopper(system), typeof(UnhandledMessage));
        TokenWatcher = new DeathWatcher(system, "actor-cancellation-tokens", ActorCancellation.Stopped);
    }

    /// <summary>Watches a plain actor that read its token, to trip that token when the actor stops.</summary>
    public DeathWatcher TokenWatcher { get; }

    /// <summary>The system's instance, created on first use (<c>Apply</c> registers it; <c>Get</c> would not).</summary>
    public static CancellationSupport Get(ActorSystem system) => Id.Apply(system);

    private sealed class Provider : ExtensionIdProvider<CancellationSupport>
    {
        public override CancellationSupport CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
