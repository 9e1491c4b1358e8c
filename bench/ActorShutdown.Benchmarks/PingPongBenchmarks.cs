using Akka.Actor;
using Akka.Dispatch;
using BenchmarkDotNet.Attributes;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// Two actors passing balls back and forth, both <see cref="ReceiveActor"/>s or both
/// <see cref="CancellableReceiveActor"/>s (never cancelled): the price of the cancellation model on the message path.
/// With one ball every message is a thread-pool hop; with 100, each run of a mailbox takes a batch.
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    /// <summary>Round trips per invocation: messages = 2 × this.</summary>
    public const int RoundTrips = 100_000;

    private ActorSystem _system = null!;
    private IActorRef _plain = null!;
    private IActorRef _plainEcho = null!;
    private IActorRef _cancellable = null!;
    private IActorRef _cancellableEcho = null!;
    private IActorRef _deque = null!;
    private IActorRef _dequeEcho = null!;

    /// <summary>Balls in flight between the two actors.</summary>
    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchSystem.Create(guardian: false);
        _plain = _system.ActorOf(Props.Create(() => new PlainPinger()));
        _plainEcho = _system.ActorOf(Props.Create(() => new PlainEcho()));
        _cancellable = _system.ActorOf(Props.Create(() => new CancellablePinger()));
        _cancellableEcho = _system.ActorOf(Props.Create(() => new CancellableEcho()));
        _deque = _system.ActorOf(Props.Create(() => new DequePinger()));
        _dequeEcho = _system.ActorOf(Props.Create(() => new DequeEcho()));
        // Every kind plays first, so the code all cases share (Akka's mailbox and dispatch) reaches its final JIT tier
        // before any case is measured, not during the first one (which then always looked slow).
        for (var round = 0; round < 20; round++)
        {
            Task.WaitAll(ReceiveActor(), CancellableReceiveActor(), ReceiveActorOnDequeMailbox());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips * 2)]
    public Task ReceiveActor() => Play(_plain, _plainEcho);

    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task CancellableReceiveActor() => Play(_cancellable, _cancellableEcho);

    /// <summary>A diagnosis: plain actors on the deque-based mailbox a cancellable actor requires.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task ReceiveActorOnDequeMailbox() => Play(_deque, _dequeEcho);

    private Task Play(IActorRef pinger, IActorRef echo)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pinger.Tell(new Start(echo, RoundTrips, InFlight, done));
        return done.Task;
    }

    private sealed record Start(IActorRef Echo, int RoundTrips, int InFlight, TaskCompletionSource Done);

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    /// <summary>The pinger's state and moves, shared by both kinds.</summary>
    private sealed class Game
    {
        private int _remaining;
        private TaskCompletionSource? _done;

        public void Begin(Start start, IActorRef self)
        {
            _remaining = start.RoundTrips;
            _done = start.Done;
            for (var i = 0; i < start.InFlight; i++) start.Echo.Tell(Ball.Instance, self);
        }

        public void Returned(Ball ball, IActorRef echo, IActorRef self)
        {
            if (--_remaining == 0) _done!.SetResult();
            else if (_remaining > 0) echo.Tell(ball, self);
        }
    }

    private sealed class PlainPinger : Akka.Actor.ReceiveActor
    {
        public PlainPinger()
        {
            var game = new Game();
            Receive<Start>(s => game.Begin(s, Self));
            Receive<Ball>(b => game.Returned(b, Sender, Self));
        }
    }

    private sealed class PlainEcho : Akka.Actor.ReceiveActor
    {
        public PlainEcho() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class DequePinger : Akka.Actor.ReceiveActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
    {
        public DequePinger()
        {
            var game = new Game();
            Receive<Start>(s => game.Begin(s, Self));
            Receive<Ball>(b => game.Returned(b, Sender, Self));
        }
    }

    private sealed class DequeEcho : Akka.Actor.ReceiveActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
    {
        public DequeEcho() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class CancellablePinger : ActorShutdown.CancellableReceiveActor
    {
        public CancellablePinger()
        {
            var game = new Game();
            Receive<Start>(s => game.Begin(s, Self));
            Receive<Ball>(b => game.Returned(b, Sender, Self));
        }
    }

    private sealed class CancellableEcho : ActorShutdown.CancellableReceiveActor
    {
        public CancellableEcho() => Receive<Ball>(b => Sender.Tell(b, Self));
    }
}
