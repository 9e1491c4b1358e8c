using BenchmarkDotNet.Attributes;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// Two actors passing balls back and forth. With one ball every message is a thread-pool hop (the latency of
/// waking the other actor); with 100, each run of a mailbox takes a batch, as in Akka.NET's ping-pong benchmarks.
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    private const int RoundTrips = 200_000;

    private ActorSystem _system = null!;
    private IActorRef _pinger = null!;
    private IActorRef _ponger = null!;

    /// <summary>Balls in flight between the two actors.</summary>
    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchSystem.Create("bench");
        _pinger = _system.ActorOf(Props.Create<Pinger>());
        _ponger = _system.ActorOf(Props.Create<KernelBenchmarks.Echo>());
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>Messages per second = 2 × RoundTrips / time.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task PingPong()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pinger.Tell(new Pinger.Start(_ponger, RoundTrips, InFlight, done));
        return done.Task;
    }

    private sealed class Pinger : UntypedActor
    {
        private int _remaining;
        private TaskCompletionSource? _done;

        public sealed record Start(IActorRef Ponger, int RoundTrips, int InFlight, TaskCompletionSource Done);

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                _remaining = start.RoundTrips;
                _done = start.Done;
                for (var i = 0; i < start.InFlight; i++) start.Ponger.Tell(Ball.Instance, Self);
            }
            else if (--_remaining == 0) _done!.SetResult();
            else if (_remaining > 0) Sender.Tell(message, Self);
        }
    }

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }
}
