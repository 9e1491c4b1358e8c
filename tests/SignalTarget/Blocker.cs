using Akka.Actor;

namespace ActorShutdown.SignalTarget;

/// <summary>Blocks its thread forever on its first message: no cancel request, Stop or Kill can end it.</summary>
internal sealed class Blocker : ReceiveActor
{
    public const string Block = "block";

    public Blocker() => Receive<string>(_ =>
    {
        Console.WriteLine("blocking");
        Thread.Sleep(Timeout.Infinite);
    });
}
