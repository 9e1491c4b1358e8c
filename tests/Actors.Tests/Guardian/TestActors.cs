using Akka.Actor;

namespace ActorShutdown.Tests.Guardian;

/// <summary>Does nothing; leaves Cancel unhandled, so the first request stops it.</summary>
internal sealed class Idle : UntypedActor
{
    public static Props Props { get; } = Props.Create(() => new Idle());

    protected override void OnReceive(object message) => Unhandled(message);
}

/// <summary>On "work", awaits forever on its token and tells the probe "interrupted" when the token trips.</summary>
internal sealed class PlainAwaiter : ReceiveActor
{
    private readonly IActorRef _probe;

    public PlainAwaiter(IActorRef probe)
    {
        _probe = probe;
        ReceiveAsync<string>(_ => AwaitToken.Forever(probe, Context.CancellationToken));
    }

    protected override void PreRestart(Exception reason, object message) => _probe.Tell("restarted");
}

/// <summary>As <see cref="PlainAwaiter"/>, on the full model: the cancelled await is no failure.</summary>
internal sealed class CancellableAwaiter : CancellableReceiveActor
{
    private readonly IActorRef _probe;

    public CancellableAwaiter(IActorRef probe)
    {
        _probe = probe;
        ReceiveAsync<string>(_ => AwaitToken.Forever(probe, Context.CancellationToken));
    }

    protected override void PreRestart(Exception reason, object message) => _probe.Tell("restarted");
}

internal static class AwaitToken
{
    /// <summary>Awaits <paramref name="token"/> forever; tells <paramref name="probe"/> "interrupted" when it trips, and lets the cancellation escape.</summary>
    public static async Task Forever(IActorRef probe, CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            probe.Tell("interrupted");
            throw;
        }
    }
}

/// <summary>Works through queued numbers, taking <c>step</c> of the given clock for each, and tells the probe each one it finished.</summary>
internal sealed class QueueWorker : CancellableReceiveActor
{
    public QueueWorker(IActorRef probe, TimeSpan step, TimeProvider time)
    {
        ReceiveAsync<int>(async n =>
        {
            await Task.Delay(step, time);   // not the token: this work is meant to finish
            probe.Tell(n);
        });
    }
}

/// <summary>Has two idle children.</summary>
internal sealed class Parent : UntypedActor
{
    public Parent(Props child)
    {
        Context.ActorOf(child, "a");
        Context.ActorOf(child, "b");
    }

    protected override void OnReceive(object message) => Unhandled(message);
}

/// <summary>On its first Cancel creates the top-level actor "late" and resists; stops on the next.</summary>
internal sealed class LateSpawner : ReceiveActor
{
    public LateSpawner()
    {
        Receive<Cancel>(c =>
        {
            // A top-level actor on purpose: one the guardian's scope did not have.
#pragma warning disable AK1008
            if (c.Attempt == 1) Context.System.ActorOf(Idle.Props, "late");
#pragma warning restore AK1008
            else Context.Stop(Self);
        });
    }
}
