using Akka.Actor;

namespace ActorShutdown.SignalTarget;

/// <summary>
/// Swallows every cancel request and carries on, so only escalation stops it: it keeps the run in its cancel phase
/// for max-cancel-attempts × cancel-interval. Says so on stdout each time.
/// </summary>
internal sealed class Resister : ReceiveActor
{
    public Resister() => Receive<Cancel>(cancel => Console.WriteLine($"resisted {cancel.Attempt}"));
}
