using BenchmarkDotNet.Attributes;

namespace ActorShutdown.Benchmarks;

/// <summary>The kernel's hot paths: fan-out, spawning, request-reply (ping-pong is <see cref="PingPongBenchmarks"/>).</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int FanOutActors = 1_000;
    private const int FanOutMessages = 100;
    private const int Spawns = 10_000;
    private const int Asks = 10_000;

    private ActorSystem _system = null!;
    private IActorRef[] _fanOut = [];
    private IActorRef _echo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchSystem.Create("bench");
        _echo = _system.ActorOf(Props.Create<Echo>());
        _fanOut = [.. Enumerable.Range(0, FanOutActors).Select(_ => _system.ActorOf(Props.Create<Counter>()))];
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = FanOutActors * FanOutMessages)]
    public Task FanOut()
    {
        var done = new Countdown(FanOutActors * FanOutMessages);
        for (var m = 0; m < FanOutMessages; m++)
        {
            foreach (var actor in _fanOut) actor.Tell(done);
        }
        return done.Task;
    }

    [Benchmark(OperationsPerInvoke = Spawns)]
    public async Task Spawn()
    {
        var started = new Countdown(Spawns);
        var spawner = _system.ActorOf(Props.Create<Spawner>());
        spawner.Tell(started);
        await started.Task;
        _system.Stop(spawner);
    }

    [Benchmark(OperationsPerInvoke = Asks)]
    public async Task AskRoundTrip()
    {
        for (var i = 0; i < Asks; i++) await _echo.Ask<int>(i);
    }

    internal sealed class Countdown(int count)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = count;

        public Task Task => _done.Task;

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) == 0) _done.SetResult();
        }
    }

    internal sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class Counter : UntypedActor
    {
        protected override void OnReceive(object message) => ((Countdown)message).Signal();
    }

    private sealed class Spawner : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var started = (Countdown)message;
            var props = Props.Create(() => new Starter(started));
            for (var i = 0; i < Spawns; i++) Context.ActorOf(props);
        }
    }

    private sealed class Starter(Countdown started) : UntypedActor
    {
        protected override void PreStart() => started.Signal();

        protected override void OnReceive(object message) { }
    }
}
