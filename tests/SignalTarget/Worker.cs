namespace ActorShutdown.SignalTarget;

/// <summary>
/// Works until cancelled: its one job awaits its cancellation token, so a cancel request ends the job,
/// and, having no handler for <see cref="Cancel"/>, the actor then stops.
/// </summary>
internal sealed class Worker : ReceiveActor
{
    public const string Work = "work";

    public Worker() => ReceiveAsync<string>(_ => Task.Delay(Timeout.Infinite, Context.CancellationToken));
}
