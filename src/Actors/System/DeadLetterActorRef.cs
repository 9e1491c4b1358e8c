namespace ActorShutdown;

/// <summary><see cref="ActorSystem.DeadLetters"/>: counts and logs what is sent to it; always "dead" to watchers.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IInternalActorRef
{
    public ActorPath Path { get; } = ActorPath.Root.Child("deadLetters");

    public ActorSystem System { get; } = system;

    public IInternalActorRef Canonical => this;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter) System.DeadLetter(letter.Message, letter.Sender, letter.Recipient);
        else System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }

    public void Stop() { }

    public void RequestCancel(ShutdownReason reason) { }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => "DeadLetters";
}
