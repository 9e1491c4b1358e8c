using System.Diagnostics;

namespace ActorShutdown.Benchmarks;

/// <summary>The scenarios the shutdown benchmark measures, each in its own process.</summary>
internal static class ShutdownScenarios
{
    /// <summary>
    /// Runs small instances of the scenario first, so the measurement is of the runtime's work, not of the JIT
    /// compiling it the first time. Warm: six rounds with pauses, until the tiered JIT has installed its final
    /// (tier-1, profile-guided) code — a long-running service's steady state; fewer rounds can leave the code in
    /// its instrumented tier, slower than tier 0. Cold: one round, so the kernel is compiled but the shutdown
    /// path has run only 200 times — close to a service's first and only shutdown.
    /// </summary>
    public static async Task WarmUpAsync(string scenario, bool cold)
    {
        var rounds = cold ? 1 : 6;
        for (var round = 0; round < rounds; round++)
        {
            if (scenario == "idle") await IdleAsync(200);
            else if (scenario == "mix") await MixAsync(200);
            else await FloorAsync(200);
            // Tier-1 compilation starts once a method has run 30 times and no new method was compiled for 100 ms.
            if (!cold) await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>N idle actors under /user; shutdown with the guardian on (default settings).</summary>
    public static async Task<Measurement> IdleAsync(int n)
    {
        var system = BenchSystem.Create("idle");
        var started = new KernelBenchmarks.Countdown(n);
        var spawn = Stopwatch.StartNew();
        var props = Props.Create(() => new Idle(started));   // one recipe for N identical actors, as real code does
        for (var i = 0; i < n; i++) system.ActorOf(props);
        await started.Task;
        spawn.Stop();
        return await ShutDownAsync(system, spawn);
    }

    /// <summary>
    /// A quarter each: idle; awaiting (an async handler awaiting the token); resisting twice (ends on the third
    /// request, with cancel-interval 10 ms); shielded with short queued work (10 messages each). The mix
    /// shows the guardian's overhead, not its patience: the resend interval is short.
    /// </summary>
    public static async Task<Measurement> MixAsync(int n)
    {
        var system = BenchSystem.Create("mix", """
            actors.shutdown-guardian.cancel-interval = 10ms
            actors.shutdown-guardian.shielded-paths = ["/user/shielded"]
            """);
        var quarter = n / 4;
        var started = new KernelBenchmarks.Countdown(n);
        var spawn = Stopwatch.StartNew();
        var idle = Props.Create(() => new Idle(started));
        var awaiting = Props.Create(() => new Awaiting(started));
        var resisting = Props.Create(() => new ResistsTwice(started));
        var shieldedParent = system.ActorOf(Props.Create(() => new ShieldedParent(started)), "shielded");
        for (var i = 0; i < quarter; i++) system.ActorOf(idle);
        for (var i = 0; i < quarter; i++) system.ActorOf(awaiting).Tell(Work.Instance);
        for (var i = 0; i < quarter; i++) system.ActorOf(resisting);
        shieldedParent.Tell(new SpawnShielded(n - 3 * quarter - 1, started));
        await started.Task;
        spawn.Stop();
        return await ShutDownAsync(system, spawn);
    }

    /// <summary>The floor: N tasks awaiting one CancellationTokenSource, cancelled and awaited.</summary>
    public static async Task<Measurement> FloorAsync(int n)
    {
        using var cts = new CancellationTokenSource();
        var spawn = Stopwatch.StartNew();
        var tasks = new Task[n];
        for (var i = 0; i < n; i++) tasks[i] = Wait(cts.Token);
        spawn.Stop();
        var shutdown = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Task.WhenAll(tasks);
        return new Measurement(spawn.Elapsed.TotalMilliseconds, shutdown.Elapsed.TotalMilliseconds, 0);

        // SuppressThrowing: the floor is the cost of cancelling and awaiting, not of 100,000 exceptions.
        static async Task Wait(CancellationToken token) =>
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task<Measurement> ShutDownAsync(ActorSystem system, Stopwatch spawn)
    {
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var heapAfterSpawn = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOCS") is null ? null : new AllocationSampler();
        sampler?.Start();
        var shutdown = Stopwatch.StartNew();
        var report = await CoordinatedShutdown.Get(system).Run(ShutdownReason.Unknown);
        await system.WhenTerminated;
        shutdown.Stop();
        foreach (var (type, bytes) in sampler?.Stop().Take(25) ?? []) Console.Error.WriteLine($"{bytes / 1e6,8:F1} MB  {type}");
        if (!report.Clean) throw new InvalidOperationException($"unclean shutdown:\n{report}");
        if (Environment.GetEnvironmentVariable("BENCH_PHASES") is not null)
            Console.Error.WriteLine(string.Join(", ", report.Phases.Select(p => $"{p.Name} {p.Duration.TotalMilliseconds:F1}ms"))
                + $"; GC pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0}ms, gen2 {GC.CollectionCount(2) - gen2Before}"
                + $"; heap after spawn {heapAfterSpawn / 1e6:F1}MB, allocated by shutdown {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6:F1}MB");
        return new Measurement(spawn.Elapsed.TotalMilliseconds, shutdown.Elapsed.TotalMilliseconds, 0);
    }

    private sealed class Work
    {
        public static readonly Work Instance = new();
    }

    private sealed record SpawnShielded(int Count, KernelBenchmarks.Countdown Started);

    /// <summary>An actor with no state and no handlers: what an idle actor costs is the runtime's part.</summary>
    private sealed class Idle : UntypedActor
    {
        public Idle(KernelBenchmarks.Countdown started) => started.Signal();

        protected override void OnReceive(object message) => Unhandled(message);   // a Cancel stops it
    }

    private sealed class ShieldedParent : ReceiveActor
    {
        public ShieldedParent(KernelBenchmarks.Countdown started)
        {
            started.Signal();
            Receive<SpawnShielded>(s =>
            {
                var props = Props.Create(() => new ShortWork(s.Started));
                for (var i = 0; i < s.Count; i++)
                {
                    var child = Context.ActorOf(props);
                    for (var m = 0; m < 10; m++) child.Tell(m);
                }
            });
        }
    }

    private sealed class Awaiting : ReceiveActor
    {
        public Awaiting(KernelBenchmarks.Countdown started)
        {
            started.Signal();
            ReceiveAsync<Work>(_ => Task.Delay(Timeout.Infinite, Context.CancellationToken));
        }
    }

    private sealed class ResistsTwice : ReceiveActor
    {
        public ResistsTwice(KernelBenchmarks.Countdown started)
        {
            started.Signal();
            Receive<Cancel>(c =>
            {
                if (c.Attempt > 2) Context.Stop(Self);
            });
        }
    }

    private sealed class ShortWork : ReceiveActor
    {
        private long _sum;

        public ShortWork(KernelBenchmarks.Countdown started)
        {
            started.Signal();
            Receive<int>(i => _sum += i);
        }
    }
}
