using Akka.Coordination;

namespace ActorShutdown.Coordination.Tests.Support;

public static class Heartbeats
{
    /// <summary>Completes after the next heartbeat of <paramref name="lease"/> has tried to renew it: true when it did.</summary>
    public static Task<bool> Next(Lease lease)
    {
        var heartbeat = (HeartbeatLease)lease;
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<bool>? handler = null;
        handler = renewed =>
        {
            heartbeat.HeartbeatCompleted -= handler;
            done.TrySetResult(renewed);
        };
        heartbeat.HeartbeatCompleted += handler;
        return done.Task;
    }
}
