namespace ActorShutdown;

/// <summary>What the runtime needs of every ref it creates: system messages, stop, cancel.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>The system the ref belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The ref that identity is judged by (a TestProbe answers with its actor).</summary>
    IInternalActorRef Canonical { get; }

    /// <summary>Delivers a system message (watch, notification, lifecycle).</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>Requests a stop (the current message finishes first; queued ones become dead letters).</summary>
    void Stop();

    /// <summary>A cancel request (§3); ignored by an actor that is already stopping.</summary>
    void RequestCancel(ShutdownReason reason);
}
