namespace ActorShutdown.Tests.Kernel;

/// <summary>Tells an actor to run its <see cref="Gated"/> async handler, which holds the actor until the test opens the gate.</summary>
internal sealed record Hold;

/// <summary>Tells an actor to throw <see cref="TestFailure"/> from its handler.</summary>
internal sealed record Fail(string Why = "boom");

/// <summary>The exception test actors throw on purpose.</summary>
internal sealed class TestFailure(string message) : Exception(message);

/// <summary>Helpers shared by the kernel tests.</summary>
internal static class Gates
{
    /// <summary>A gate an actor's async handler awaits and the test opens; never blocks a thread.</summary>
    public static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Bounds awaits in real time.</summary>
internal static class RealTime
{
    /// <summary>
    /// How long a test awaits a task the actors under test should complete. On a manual clock an Ask never times out
    /// by itself, so without this bound a kernel bug would hang the test run instead of failing one test.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>The task, failing with <see cref="TimeoutException"/> if it has not completed within <see cref="Limit"/>.</summary>
    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Limit);
}

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m));
}

/// <summary>Forwards every ordinary message to the probe (with itself as sender).</summary>
internal sealed class Forwarder : ReceiveActor
{
    public Forwarder(IActorRef probe) => ReceiveAny(m => probe.Tell(m));
}

/// <summary>Never replies; every message is dropped.</summary>
internal sealed class Silent : ReceiveActor
{
    public Silent() => ReceiveAny(_ => { });
}

/// <summary>
/// An actor the test can hold busy without blocking a thread: <see cref="Hold"/> reports "holding", awaits the
/// gate, then reports "released". Every other ordinary message is forwarded to the probe; <see cref="Fail"/> throws.
/// It has no Cancel handler, so a cancel request stops it.
/// </summary>
internal sealed class Gated : ReceiveActor
{
    /// <summary>Starts one that reports to the kit's test actor and waits until it holds at <paramref name="gate"/>.</summary>
    public static IActorRef StartHeld(TestKit.TestKit kit, Task gate)
    {
        var actor = kit.ActorOf(Props.Create(() => new Gated(kit.TestActor, gate)));
        actor.Tell(new Hold());
        kit.ExpectMsg<string>(s => s == "holding");
        return actor;
    }

    public Gated(IActorRef probe, Task gate)
    {
        ReceiveAsync<Hold>(async _ =>
        {
            probe.Tell("holding");
            await gate;
            probe.Tell("released");
        });
        Receive<Fail>(f => throw new TestFailure(f.Why));
        ReceiveAny(m => probe.Tell(m));
    }
}

/// <summary>
/// Reports its lifecycle hooks to the probe as "name: Hook". Creates "children" children of the
/// same kind (named "name-1", …) in its constructor. <see cref="Fail"/> throws; other messages are forwarded
/// as "name: message".
/// </summary>
internal sealed class Lifecycle : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;

    public Lifecycle(IActorRef probe, string name, int children = 0)
    {
        _probe = probe;
        _name = name;
        for (var i = 1; i <= children; i++)
        {
            var childName = $"{name}-{i}";
            Context.ActorOf(Props.Create(() => new Lifecycle(probe, childName)), childName);
        }
        Receive<Fail>(f => throw new TestFailure(f.Why));
        ReceiveAny(m => probe.Tell($"{name}: {m}"));
    }

    protected override void PreStart() => _probe.Tell($"{_name}: PreStart");

    protected override void PostStop() => _probe.Tell($"{_name}: PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}: PreRestart {reason.Message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_name}: PostRestart {reason.Message}");
        base.PostRestart(reason);
    }
}

/// <summary>Creates one child from the given props in its constructor and reports the child's ref to the probe.</summary>
internal sealed class Parent : ReceiveActor
{
    public Parent(IActorRef probe, Props child, string childName = "child")
    {
        probe.Tell(Context.ActorOf(child, childName));
        ReceiveAny(m => probe.Tell(m));
    }
}

/// <summary>
/// A parent whose supervisor strategy reports the failure type to the probe as "decided: Type" and then applies
/// <see cref="SupervisorStrategy.DefaultDecider"/>. Creates its child from the given props and reports the ref.
/// </summary>
internal sealed class RecordingSupervisor : ReceiveActor
{
    private readonly IActorRef _probe;

    public RecordingSupervisor(IActorRef probe, Props child)
    {
        _probe = probe;
        probe.Tell(Context.ActorOf(child, "child"));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, cause =>
    {
        _probe.Tell($"decided: {cause.GetType().Name}");
        return ActorShutdown.SupervisorStrategy.DefaultDecider(cause);
    });
}
