using ActorShutdown.App.Configuration;
using Akka.Actor;

namespace ActorShutdown.App.Service;

/// <summary>Starts the demo service's actors and adds its own shutdown tasks.</summary>
internal static class ServiceActors
{
    /// <summary>
    /// Creates <c>/user/ledger</c> (shielded by app.conf), <c>/user/metrics</c> (excluded by app.conf), the workers,
    /// <c>/user/stubborn</c> and the producers, and adds the App's shutdown tasks (<see cref="AddTasks"/>).
    /// </summary>
    public static void Start(ActorSystem system, AppSettings settings, JobBook book, string ledgerPath, LedgerStatus ledgerStatus, Action<string> say)
    {
        var ledger = system.ActorOf(Props.Create(() => new Ledger(ledgerPath, book.RunId, settings.LedgerFlushInterval, ledgerStatus, say)), "ledger");
        var metrics = system.ActorOf(Props.Create(() => new Metrics(settings.MetricsInterval, say)), "metrics");
        var workers = new List<IActorRef>();
        for (var i = 1; i <= settings.Workers; i++)
            workers.Add(system.ActorOf(Props.Create(() => new Worker(book, ledger, metrics, settings.Cleanup)), $"worker-{i}"));
        if (settings.StubbornWorker)
            workers.Add(system.ActorOf(Props.Create(() => new StubbornWorker(book, ledger, metrics, say)), "stubborn"));
        var producers = new List<IActorRef>();
        for (var i = 1; i <= settings.Producers; i++)
        {
            var offset = i - 1;
            producers.Add(system.ActorOf(Props.Create(() => new Producer(workers, book, settings, offset)), $"producer-{i}"));
        }
        AddTasks(system, producers, metrics, ledgerStatus.Completion);
    }

    /// <summary>
    /// The App's own shutdown tasks (also what <c>plan</c> shows): <c>stop-producers</c> (before-service-unbind),
    /// <c>ledger-flushed</c> (before-actor-system-terminate: the shielded ledger has drained by then; a ledger that
    /// could not write everything fails it, so the report is not clean) and <c>final-metrics</c>.
    /// </summary>
    public static void AddTasks(ActorSystem system, IReadOnlyList<IActorRef> producers, IActorRef? metrics, Task ledgerClosed)
    {
        var guardian = ShutdownGuardian.Get(system);
        guardian.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-producers", token =>
            Task.WhenAll(producers.Select(p => p.Ask<Akka.Done>(StopProducing.Instance, TimeSpan.FromSeconds(2), token))));
        guardian.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "ledger-flushed", token => ledgerClosed.WaitAsync(token));
        guardian.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "final-metrics", token =>
            metrics is null ? Task.CompletedTask : metrics.Ask<Akka.Done>(FinalReport.Instance, TimeSpan.FromSeconds(2), token));
    }
}
