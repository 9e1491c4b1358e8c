namespace ActorShutdown.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: records every message (with its sender) in the probe's queue.</summary>
internal sealed class ProbeActor(ProbeQueue queue) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProbeCommand.Watch watch:
                Context.Watch(watch.Target);
                break;
            case ProbeCommand.Unwatch unwatch:
                Context.Unwatch(unwatch.Target);
                break;
            default:
                queue.Add(new Received(message, Sender));
                break;
        }
    }

    /// <summary>A probe never handles Cancel (it lives outside /user and is never cancelled by the guardian); a stray one is recorded.</summary>
    protected override void Unhandled(object message) => queue.Add(new Received(message, Sender));
}

/// <summary>Commands the probe runs on its own actor thread (death watch is actor-thread state).</summary>
internal abstract record ProbeCommand
{
    public sealed record Watch(IActorRef Target) : ProbeCommand;

    public sealed record Unwatch(IActorRef Target) : ProbeCommand;
}

/// <summary>A message a probe received, with its sender.</summary>
internal readonly record struct Received(object Message, IActorRef Sender);
