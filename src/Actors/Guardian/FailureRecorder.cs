using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// Records, for the report, the first error Akka logs for an actor in scope during the run: its cleanup or stop
/// failed (Akka has logged it). Not an actor but a ref on the event stream, written to as the error is published,
/// on the failing actor's thread: an actor's mailbox could still hold the error when the system stops it (an excluded
/// actor fails in its <c>PostStop</c> as the system terminates, after the guardian's last message).
/// </summary>
/// <remarks><see cref="MinimalActorRef"/> is Akka's [InternalApi] base for such refs.</remarks>
internal sealed class FailureRecorder(ExtendedActorSystem system, GuardianLedger ledger) : MinimalActorRef
{
    public override ActorPath Path { get; } = new RootActorPath(system.Provider.DefaultAddress) / "system" / "shutdown-guardian-failures";

    public override IActorRefProvider Provider => system.Provider;

    /// <summary>Subscribes a recorder for <paramref name="ledger"/> to the errors of <paramref name="system"/>.</summary>
    public static void Start(ExtendedActorSystem system, GuardianLedger ledger) =>
        system.EventStream.Subscribe(new FailureRecorder(system, ledger), typeof(Error));

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is not Error { Cause: { } cause } error || !ActorPath.TryParse(error.LogSource, out var path)) return;
        lock (ledger.Lock)
        {
            foreach (var tracked in ledger.Actors)   // errors are rare: a scan, not an index of every path
            {
                if (tracked.Failure is null && tracked.Actor.Path.Equals(path))
                {
                    tracked.Failure = cause;
                    return;
                }
            }
        }
    }
}
