using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// The cancellation model's part of an actor system: its <see cref="CancellationMonitor"/>. An Akka extension, so
/// it is created once per system however many callers install it at once.
/// </summary>
internal sealed class CancellationSupport : IExtension
{
    private static readonly Provider Id = new();

    private CancellationSupport(ExtendedActorSystem system) =>
        Monitor = system.SystemActorOf(Props.Create(() => new CancellationMonitor()), "actor-cancellation");

    /// <summary>/system/actor-cancellation.</summary>
    public IActorRef Monitor { get; }

    /// <summary>The system's instance, created on first use (<c>Apply</c> registers it; <c>Get</c> would not).</summary>
    public static CancellationSupport Get(ActorSystem system) => Id.Apply(system);

    private sealed class Provider : ExtensionIdProvider<CancellationSupport>
    {
        public override CancellationSupport CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
