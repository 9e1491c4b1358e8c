namespace ActorShutdown.App.Service;

/// <summary>Starts the demo service's actors and adds its own shutdown tasks.</summary>
internal static class ServiceActors
{
    /// <summary>
    /// Creates <c>/user/ledger</c> (shielded by app.conf), <c>/user/metrics</c> (excluded by app.conf), the
    /// workers, <c>/user/stubborn</c> and the producers; and adds two shutdown tasks: <c>stop-producers</c>
    /// (before-service-unbind) and <c>final-metrics</c> (before-actor-system-terminate).
    /// </summary>
    public static void Start(ActorSystem system, AppSettings settings, JobBook book, string ledgerPath, Action<string> say)
    {
        var ledger = system.ActorOf(Props.Create(() => new Ledger(ledgerPath, book.RunId, settings.LedgerFlushInterval, say)), "ledger");
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
        AddTasks(system, producers, metrics);
    }

    /// <summary>The App's own shutdown tasks (also what <c>plan</c> shows).</summary>
    public static void AddTasks(ActorSystem system, IReadOnlyList<IActorRef> producers, IActorRef? metrics)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-producers", token =>
            Task.WhenAll(producers.Select(p => p.Ask<Done>(StopProducing.Instance, TimeSpan.FromSeconds(2), token))));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "final-metrics", token =>
            metrics is null ? Task.CompletedTask : metrics.Ask<Done>(FinalReport.Instance, TimeSpan.FromSeconds(2), token));
    }
}
