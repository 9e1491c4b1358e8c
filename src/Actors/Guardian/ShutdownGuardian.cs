using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// Structured, graceful shutdown for an actor system: when its coordinated shutdown runs, cancels every actor under
/// <c>/user</c>, re-sends the cancellation to those that resist, escalates and gives up on the stuck ones, drains the
/// shielded ones, and reports what happened.
/// </summary>
public sealed class ShutdownGuardian : IExtension
{
    internal ShutdownGuardian(ExtendedActorSystem system)
    {
        System = system;
        Ref = ActorRefs.Nobody;
        Report = new TaskCompletionSource<ShutdownReport>().Task;
    }

    internal ExtendedActorSystem System { get; }

    /// <summary>The guardian of <paramref name="system"/>, loading it on first use (idempotent).</summary>
    /// <param name="system">The actor system.</param>
    public static ShutdownGuardian Get(ActorSystem system) => system.WithExtension<ShutdownGuardian, ShutdownGuardianProvider>();

    /// <summary>The guardian's actor, <c>/system/shutdown-guardian</c>.</summary>
    public IActorRef Ref { get; }

    /// <summary>Completes when the coordinated shutdown has finished, or at the deadline, whichever is first.</summary>
    public Task<ShutdownReport> Report { get; }

    /// <summary>A snapshot of the run's progress, safe to read from any thread.</summary>
    public ShutdownProgress Progress => new(null, 0, System is null ? 0 : 0);

    /// <summary>
    /// Shields <paramref name="actor"/> and its subtree: it is never cancelled; in the shield phase it gets
    /// <paramref name="stopMessage"/> (<see cref="PoisonPill"/> by default), finishes its queued work and stops.
    /// </summary>
    /// <param name="actor">An actor under <c>/user</c>.</param>
    /// <param name="maxDuration">How long the shield lasts from the start of the cancel phase; <c>shield-timeout</c> by default.</param>
    /// <param name="stopMessage">The message that makes it stop after its queued work, such as a persistent actor's stop command.</param>
    public void Shield(IActorRef actor, TimeSpan? maxDuration = null, object? stopMessage = null) => throw new NotImplementedException();

    /// <summary>Ends the shield of <paramref name="actor"/>: from then on it is cancelled like any other actor.</summary>
    /// <param name="actor">A shielded actor.</param>
    public void Unshield(IActorRef actor) => throw new NotImplementedException();

    /// <summary>Excludes <paramref name="actor"/> and its subtree: neither cancelled nor drained, it stops with the system.</summary>
    /// <param name="actor">An actor under <c>/user</c>.</param>
    public void Exclude(IActorRef actor) => throw new NotImplementedException();

    /// <summary>
    /// Makes one cancel request for <paramref name="actor"/>, at any time: trips its token and sends it
    /// <see cref="ActorShutdown.Cancel"/> with the next attempt number.
    /// </summary>
    /// <param name="actor">Any actor.</param>
    /// <param name="reason">The reason; the running shutdown's by default, else <see cref="CoordinatedShutdown.UnknownReason"/>.</param>
    public void Cancel(IActorRef actor, CoordinatedShutdown.Reason? reason = null) =>
        ActorCancellation.Request(actor, reason ?? CoordinatedShutdown.Get(System).ShutdownReason ?? CoordinatedShutdown.UnknownReason.Instance);

    /// <summary>
    /// Adds a task to Akka's <paramref name="phase"/> whose token is cancelled when that phase times out (or the
    /// deadline passes). Disposing the handle before the run removes it.
    /// </summary>
    /// <param name="phase">A phase of <c>akka.coordinated-shutdown.phases</c>.</param>
    /// <param name="taskName">The task's name in logs and the report.</param>
    /// <param name="task">The task.</param>
    public IDisposable AddTask(string phase, string taskName, Func<CancellationToken, Task> task) => throw new NotImplementedException();

    /// <summary>Records a lease tied to the shutdown, for the report.</summary>
    internal void RecordLease(LeaseOutcome outcome) => throw new NotImplementedException();
}
