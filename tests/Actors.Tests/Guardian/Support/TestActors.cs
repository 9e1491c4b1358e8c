namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// Handles <see cref="Cancel"/>: reports each one (attempt, time, reason) and swallows the first
/// <c>swallow</c> of them, stopping on the next. Replies "pong" to "ping".
/// </summary>
public sealed class Resister : ReceiveActor
{
    private readonly IActorRef _probe;

    public Resister(IActorRef probe, int swallow = int.MaxValue)
    {
        _probe = probe;
        Receive<Cancel>(c =>
        {
            probe.Tell(new Seen(Self.Path.ToString(), "cancel", Context.System.Time.GetUtcNow(), c.Attempt, c.Reason.Name));
            if (c.Attempt > swallow) Context.Stop(Self);
        });
        Receive<string>(_ => Sender.Tell("pong"), s => s == "ping");
    }

    protected override void PostStop() => _probe.Tell(new Seen(Self.Path.ToString(), "stopped", Context.System.Time.GetUtcNow()));

    public static Props Props(IActorRef probe, int swallow = int.MaxValue) => ActorShutdown.Props.Create(() => new Resister(probe, swallow));
}

/// <summary>
/// A worker: "work" starts a job of the given length on the system clock (awaiting its token, or not), reported
/// "finished" (or "tripped" when its token ends it); it counts the ints it receives and notes whether its token was
/// ever tripped in an ordinary handler; each <see cref="Cancel"/> is reported and, past <c>swallow</c>, stops it.
/// "stopped" carries the count and those notes. "ping" is answered with "pong".
/// </summary>
public sealed class Worker : ReceiveActor
{
    private readonly IActorRef _probe;
    private int _count;
    private bool _tripped;
    private bool _cancelled;

    public Worker(IActorRef probe, TimeSpan job, bool jobHearsToken = true, int swallow = 0, bool stopWhenDone = false)
    {
        _probe = probe;
        ReceiveAsync<string>(async _ =>
        {
            Note();
            try
            {
                await Task.Delay(job, Context.System.Time, jobHearsToken ? Context.CancellationToken : CancellationToken.None);
                Report("finished");
                if (stopWhenDone) Context.Stop(Self);
            }
            catch (OperationCanceledException)
            {
                Report("tripped");
            }
        }, s => s == "work");
        Receive<string>(_ =>
        {
            Note();
            Sender.Tell("pong");
        }, s => s == "ping");
        Receive<int>(_ =>
        {
            Note();
            _count++;
        });
        Receive<Cancel>(c =>
        {
            _cancelled = true;
            _probe.Tell(new Seen(Self.Path.ToString(), "cancel", Context.System.Time.GetUtcNow(), c.Attempt, c.Reason.Name));
            if (c.Attempt > swallow) Context.Stop(Self);
        });
    }

    private void Note() => _tripped |= Context.CancellationToken.IsCancellationRequested;

    private void Report(string what) => _probe.Tell(new Seen(Self.Path.ToString(), what, Context.System.Time.GetUtcNow()));

    protected override void PostStop() =>
        _probe.Tell(new Seen(Self.Path.ToString(), "stopped", Context.System.Time.GetUtcNow(), Count: _count, Tripped: _tripped, Cancelled: _cancelled));

    public static Props Props(IActorRef probe, TimeSpan job = default, bool jobHearsToken = true, int swallow = 0, bool stopWhenDone = false) =>
        ActorShutdown.Props.Create(() => new Worker(probe, job, jobHearsToken, swallow, stopWhenDone));
}

/// <summary>An actor that does nothing: no handler for <see cref="Cancel"/>, so a cancel request stops it.</summary>
public sealed class Idle : ReceiveActor
{
    public static readonly Props Props = ActorShutdown.Props.Create<Idle>();
}

/// <summary>
/// A parent: creates the children it is given at start (named), tells the probe each child's ref, and otherwise
/// behaves as a <see cref="Resister"/> on <see cref="Cancel"/> (reporting it, stopping past <c>swallow</c>).
/// </summary>
public sealed class Parent : ReceiveActor
{
    private readonly IActorRef _probe;

    public Parent(IActorRef probe, IReadOnlyList<(string Name, Props Props)> children, int swallow = 0)
    {
        _probe = probe;
        foreach (var (name, props) in children) probe.Tell(Context.ActorOf(props, name));
        Receive<Cancel>(c =>
        {
            probe.Tell(new Seen(Self.Path.ToString(), "cancel", Context.System.Time.GetUtcNow(), c.Attempt, c.Reason.Name));
            if (c.Attempt > swallow) Context.Stop(Self);
        });
    }

    protected override void PostStop() => _probe.Tell(new Seen(Self.Path.ToString(), "stopped", Context.System.Time.GetUtcNow()));

    public static Props Props(IActorRef probe, int swallow, params (string Name, Props Props)[] children) =>
        ActorShutdown.Props.Create(() => new Parent(probe, children, swallow));
}
