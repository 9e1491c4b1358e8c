using Akka.Actor;

namespace ActorShutdown.SignalTarget;

/// <summary>Idle until cancelled; stops on the first cancel request.</summary>
internal sealed class Worker : ReceiveActor
{
    public Worker() => Receive<Cancel>(_ => Context.Stop(Self));
}
