namespace ActorShutdown.Configuration;

/// <summary>What the shutdown guardian does to an actor that outlived its last cancel request (<c>actors.shutdown-guardian.escalation</c>).</summary>
internal enum ShutdownEscalation
{
    /// <summary>Send it <c>Kill</c>: it fails with <c>ActorKilledException</c> and its supervisor stops it.</summary>
    Kill,

    /// <summary>Stop it directly.</summary>
    Stop,
}
