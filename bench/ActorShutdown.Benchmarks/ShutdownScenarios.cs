using System.Diagnostics;
using Akka.Actor;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// The scenarios of the shutdown benchmark, each run in a fresh process by <see cref="ShutdownBenchmark"/>, on one side:
/// plain Akka.NET, or the same with the guardian loaded.
/// </summary>
internal static class ShutdownScenarios
{
    /// <summary>
    /// The mix's settings, on both sides (only the guardian reads them): a short cancel interval so that the actors
    /// resisting twice stop after 20 ms — the mix shows the guardian's overhead, not its patience — and a long
    /// escalation timeout, so that actors that are stopping are not given up while the guardian is still busy.
    /// </summary>
    private const string MixConfig = """
        akka.shutdown-guardian.cancel-interval = 10ms
        akka.shutdown-guardian.escalation-timeout = 30s
        akka.shutdown-guardian.shielded-paths = ["/user/shielded"]
        """;

    /// <summary>
    /// Runs small instances of the scenario first, so that the measurement is of the work, not of the JIT compiling it.
    /// Warm: six rounds with pauses, until the tiered JIT has installed its final (tier-1) code — a long-running
    /// service's steady state. Cold: one round, so the code is compiled but the shutdown path has run only once for
    /// 200 actors — close to a service's first and only shutdown.
    /// </summary>
    public static async Task WarmUpAsync(string scenario, bool guardian, bool cold)
    {
        var rounds = cold ? 1 : 6;
        for (var round = 0; round < rounds; round++)
        {
            await RunAsync(scenario, 200, guardian);
            // Tier-1 compilation starts once a method has run 30 times and no new method was compiled for 100 ms.
            if (!cold) await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public static Task<Measurement> RunAsync(string scenario, int n, bool guardian) => scenario switch
    {
        "idle" => IdleAsync(n, guardian),
        "mix" => MixAsync(n, guardian),
        "trip" => TripAsync(n, guardian),
        "heap" => HeapAsync(n, guardian),
        "floor" => FloorAsync(n),
        _ => throw new ArgumentException($"unknown scenario '{scenario}' (idle, mix, trip, heap, floor)"),
    };

    /// <summary>N idle actors (an <see cref="UntypedActor"/> with no handler for Cancel); the shutdown's duration.</summary>
    private static async Task<Measurement> IdleAsync(int n, bool guardian)
    {
        var system = BenchSystem.Create(guardian);
        await SpawnIdleAsync(system, n);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var (ms, cpuMs) = await BenchSystem.ShutDownAsync(system, guardian);
        return new Measurement(ms, cpuMs, heap / 1e6, 0);
    }

    /// <summary>
    /// The heap after spawning N idle actors (after a full collection): what the side costs before any shutdown. The
    /// shutdown that follows only ends the system.
    /// </summary>
    private static async Task<Measurement> HeapAsync(int n, bool guardian)
    {
        var system = BenchSystem.Create(guardian);
        await SpawnIdleAsync(system, n);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        await BenchSystem.ShutDownAsync(system, guardian);
        return new Measurement(0, 0, heap / 1e6, 0);
    }

    /// <summary>
    /// A quarter each: idle; awaiting on <c>Context.CancellationToken</c>; resisting twice (stops at the third
    /// request); shielded (children of <c>/user/shielded</c>) with 10 short messages queued each.
    /// </summary>
    private static async Task<Measurement> MixAsync(int n, bool guardian)
    {
        var system = BenchSystem.Create(guardian, MixConfig);
        var quarter = n / 4;
        var started = new Countdown(n);
        var idle = Props.Create(() => new Idle(started));
        var awaiting = Props.Create(() => new Awaiting(started, null));
        var resisting = Props.Create(() => new ResistsTwice(started));
        var shieldedParent = system.ActorOf(Props.Create(() => new ShieldedParent(started)), "shielded");
        for (var i = 0; i < quarter; i++) system.ActorOf(idle);
        for (var i = 0; i < quarter; i++) system.ActorOf(awaiting).Tell(Work.Instance);
        for (var i = 0; i < quarter; i++) system.ActorOf(resisting);
        shieldedParent.Tell(new SpawnShielded(n - 3 * quarter - 1, started));
        await started.Task;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var (ms, cpuMs) = await BenchSystem.ShutDownAsync(system, guardian);
        return new Measurement(ms, cpuMs, heap / 1e6, 0);
    }

    /// <summary>
    /// N actors awaiting on their token; the time from <c>Run</c> until every token has been tripped: until the last
    /// token's callback has run (an await on it is interrupted then), not until this method resumes after it. Plain
    /// Akka.NET trips them as the actors stop.
    /// </summary>
    private static async Task<Measurement> TripAsync(int n, bool guardian)
    {
        var system = BenchSystem.Create(guardian);
        var started = new Countdown(n);
        var tripped = new Countdown(n);
        var awaiting = Props.Create(() => new Awaiting(started, tripped));
        for (var i = 0; i < n; i++) system.ActorOf(awaiting).Tell(Work.Instance);
        await started.Task;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var start = Stopwatch.GetTimestamp();
        var shutdown = BenchSystem.ShutDownAsync(system, guardian);
        await tripped.Task;
        var trip = Stopwatch.GetElapsedTime(start, tripped.CompletedAt).TotalMilliseconds;
        return new Measurement(trip, (await shutdown).CpuMs, heap / 1e6, 0);
    }

    /// <summary>The floor: N tasks awaiting one CancellationTokenSource, cancelled and awaited.</summary>
    private static async Task<Measurement> FloorAsync(int n)
    {
        using var cts = new CancellationTokenSource();
        var tasks = new Task[n];
        for (var i = 0; i < n; i++) tasks[i] = Wait(cts.Token);
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Task.WhenAll(tasks);
        return new Measurement(clock.Elapsed.TotalMilliseconds, 0, 0, 0);

        // SuppressThrowing: the floor is the cost of cancelling and awaiting, not of N exceptions.
        static async Task Wait(CancellationToken token) =>
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static Task SpawnIdleAsync(ActorSystem system, int n)
    {
        var started = new Countdown(n);
        var props = Props.Create(() => new Idle(started));   // one recipe for N identical actors, as real code does
        for (var i = 0; i < n; i++) system.ActorOf(props);
        return started.Task;
    }

    private sealed class Work
    {
        public static readonly Work Instance = new();
    }

    private sealed record SpawnShielded(int Count, Countdown Started);

    /// <summary>An idle actor with no handler for Cancel: the guardian's Cancel stops it.</summary>
    private sealed class Idle : UntypedActor
    {
        public Idle(Countdown started) => started.Signal();

        protected override void OnReceive(object message) => Unhandled(message);
    }

    /// <summary>Awaits on its token from its first message on; counts itself started once it awaits, and tripped when the token is.</summary>
    private sealed class Awaiting : CancellableReceiveActor
    {
        public Awaiting(Countdown started, Countdown? tripped) => ReceiveAsync<Work>(_ =>
        {
            var token = Context.CancellationToken;
            if (tripped is not null) token.Register(tripped.Signal);
            started.Signal();
            return Task.Delay(Timeout.Infinite, token);
        });
    }

    /// <summary>Resists the first two cancel requests; stops at the third.</summary>
    private sealed class ResistsTwice : CancellableReceiveActor
    {
        public ResistsTwice(Countdown started)
        {
            started.Signal();
            Receive<Cancel>(c =>
            {
                if (c.Attempt > 2) Context.Stop(Self);
            });
        }
    }

    /// <summary>The parent of the shielded actors: spawns them and queues their work.</summary>
    private sealed class ShieldedParent : ReceiveActor
    {
        public ShieldedParent(Countdown started)
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

    /// <summary>A shielded actor with short work queued.</summary>
    private sealed class ShortWork : ReceiveActor
    {
        private long _sum;

        public ShortWork(Countdown started)
        {
            started.Signal();
            Receive<int>(i => _sum += i);
        }
    }
}
