using Akka.Actor;

namespace ActorShutdown.App.Service;

/// <summary>
/// Processes jobs one at a time. A job awaits the actor's cancellation token, so a cancel request interrupts it
/// mid-<c>await</c> (a <see cref="CancellableReceiveActor"/> takes that as no failure); the worker then gets
/// <see cref="Cancel"/>, reports the interrupted job, cleans up (still awaiting the token, so the next request would
/// cut the cleanup short) and stops.
/// </summary>
internal class Worker : CancellableReceiveActor
{
    private readonly JobBook _book;
    private readonly IActorRef _ledger;
    private readonly IActorRef _metrics;
    private Job? _current;

    public Worker(JobBook book, IActorRef ledger, IActorRef metrics, TimeSpan cleanup)
    {
        _book = book;
        _ledger = ledger;
        _metrics = metrics;
        ReceiveAsync<Job>(Work);
        ReceiveAsync<Cancel>(async cancel =>
        {
            Interrupted(cancel);
            await Task.Delay(cleanup, Context.CancellationToken).ConfigureAwait(true);
            Context.Stop(Self);
        });
    }

    protected async Task Work(Job job)
    {
        _current = job;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Continuations must run as the actor: ConfigureAwait(true) keeps them on its context.
        await Task.Delay(job.Duration, Context.CancellationToken).ConfigureAwait(true);
        _current = null;
        var name = Self.Path.Name;
        _book.Completed(job, name);
        var completed = new JobCompleted(job, name, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _ledger.Tell(completed, Self);
        _metrics.Tell(completed, Self);
    }

    /// <summary>Accounts for the job a cancel request interrupted, if any.</summary>
    protected void Interrupted(Cancel cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        if (_current is not { } job) return;
        _current = null;
        _book.Cancelled(job, Self.Path.Name);
        _metrics.Tell(new JobCancelled(job, Self.Path.Name, cancel.Attempt), Self);
    }
}

/// <summary>
/// A worker that swallows every cancel request and carries on with its queue: the guardian re-sends the request every
/// <c>cancel-interval</c>, and after <c>max-cancel-attempts</c> escalates (stops it).
/// </summary>
internal sealed class StubbornWorker : Worker
{
    public StubbornWorker(JobBook book, IActorRef ledger, IActorRef metrics, Action<string> say)
        : base(book, ledger, metrics, TimeSpan.Zero) =>
        Become(() =>
        {
            ReceiveAsync<Job>(Work);
            Receive<Cancel>(cancel =>
            {
                Interrupted(cancel);
                say($"  {Self.Path.ToStringWithoutAddress()}: swallowed cancel request {cancel.Attempt} and carries on");
            });
        });
}
