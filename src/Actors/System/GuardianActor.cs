namespace ActorShutdown;

/// <summary>The actor behind <c>/user</c> and <c>/system</c>: it only supervises (default strategy).</summary>
internal sealed class GuardianActor : UntypedActor
{
    protected override void OnReceive(object message) => Unhandled(message);
}
