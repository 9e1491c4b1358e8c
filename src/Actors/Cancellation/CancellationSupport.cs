using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// The cancellation model's part of an actor system: its <see cref="CancellationMonitor"/>. An Akka extension, so
/// it is created once per system however many callers install it at once.
/// </summary>
internal sealed class CancellationSupport : IExtension
{
    private static readonly Provider Id = new();

    private CancellationSupport(ExtendedActorSystem system)
    {
        // The guardian's dispatcher where its configuration is loaded: a large shutdown's unhandled cancels and
        // terminations are not queued behind every actor's work. Without the guardian, the default one.
        var props = Props.Create(() => new CancellationMonitor());
        if (system.Dispatchers.HasDispatcher(ShutdownGuardianSettings.DispatcherId)) props = props.WithDispatcher(ShutdownGuardianSettings.DispatcherId);
        Monitor = system.SystemActorOf(props, "actor-cancellation");
    }

    /// <summary>/system/actor-cancellation.</summary>
    public IActorRef Monitor { get; }

    /// <summary>The system's instance, created on first use (<c>Apply</c> registers it; <c>Get</c> would not).</summary>
    public static CancellationSupport Get(ActorSystem system) => Id.Apply(system);

    private sealed class Provider : ExtensionIdProvider<CancellationSupport>
    {
        public override CancellationSupport CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
