using Microsoft.Extensions.Logging;

namespace ActorShutdown;

/// <summary>
/// A live actor: its ref, its context and its mailbox in one object (about 190 bytes idle: children, watchers,
/// token source and the <see cref="RareState"/> — timers, logger, supervision and watch state — are created on
/// first use). Split by concern over the
/// <c>ActorCell.*.cs</c> files: lifecycle and supervision, children, death watch, cancellation, async handlers.
/// </summary>
/// <remarks>
/// Threading: fields without a comment are touched only by the mailbox's runner (one thread at a time).
/// Fields marked "any thread" are read or written by other threads and use volatile or interlocked access.
/// </remarks>
internal sealed partial class ActorCell : Mailbox, IInternalActorRef, IActorContext
{
    private const int Creating = 0;
    private const int Running = 1;
    private const int Terminating = 2;
    private const int Terminated = 3;

    /// <summary>The actor being constructed on this thread: lets <see cref="ActorBase"/>'s constructor find its cell.</summary>
    [ThreadStatic] internal static ActorCell? Constructing;

    /// <summary>The actor running on this thread: the implicit sender of a <c>Tell</c> made from its handlers.</summary>
    [ThreadStatic] private static ActorCell? t_current;

    /// <summary>The actor whose handler runs on this thread, if any: the implicit sender for refs that are not cells.</summary>
    internal static IActorRef? CurrentActor => t_current;

    private readonly ActorCell? _parent;
    private readonly Props _props;
    private ActorBase? _actor;
    private volatile int _state;                 // any thread reads
    private IActorRef? _sender;                // of the message being handled
    private RareState? _rare;                  // any thread: created once, by compare-and-swap

    /// <summary>The shutdown guardian's record of this actor once it is in scope (guardian thread only).</summary>
    internal TrackedActor? Tracked;

    internal ActorCell(ActorSystem system, ActorPath path, ActorCell? parent, Props props)
    {
        System = system;
        Path = path;
        _parent = parent;
        _props = props;
    }

    public ActorSystem System { get; }

    public ActorPath Path { get; }

    internal ActorCell? ParentCell => _parent;

    /// <summary>The actor's type, for reports and logs.</summary>
    internal Type ActorType => _props.ActorType;

    /// <summary>True once the actor has terminated or was abandoned (any thread).</summary>
    internal bool IsTerminated => _state == Terminated || _detached != 0;

    IInternalActorRef IInternalActorRef.Canonical => this;

    public IActorRef Self => this;

    public IActorRef Sender => _sender ?? System.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? ActorRefs.Nobody;

    public ILogger Log => Rare.Log ??= System.LoggerFactory.CreateLogger(_props.ActorType.FullName ?? _props.ActorType.Name);

    /// <summary>The actor's timers, created on first use.</summary>
    internal TimerScheduler Timers => Rare.Timers ??= new TimerScheduler(this);

    /// <summary>The actor's <see cref="RareState"/>, created on first use.</summary>
    private RareState Rare
    {
        get
        {
            var rare = Volatile.Read(ref _rare);
            if (rare is not null) return rare;
            Interlocked.CompareExchange(ref _rare, new RareState(), null);
            return _rare!;
        }
    }

    /// <summary>
    /// State most actors never need, kept out of the cell so an idle actor does not carry ten empty fields (a
    /// service may hold 100,000 actors). Each field keeps the threading of the field it replaces: the actor's
    /// thread, except <see cref="RestartStats"/> (the parent's) and <see cref="StopFailure"/> (read by the report).
    /// </summary>
    private sealed class RareState
    {
        public ILogger? Log;
        public TimerScheduler? Timers;
        public RestartStatistics? RestartStats;
        public Exception? StopFailure;
        public object? FailedMessage;
        public Exception? PendingRecreate;          // set while a restart waits for stopping children
        public Dictionary<IInternalActorRef, object?>? Watching;   // subject → custom message (null: Terminated)
        public HashSet<IInternalActorRef>? TerminationQueued;      // subjects whose notice is in the mailbox
        public SynchronizationContext? SynchronizationContext;
        public object? AsyncMessage;                // the message whose async handler is pending
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender ??= t_current;
        // Racy fast path: the runner re-checks, so a message that slips past a concurrent stop still ends as a dead letter.
        if (IsTerminated) DeadLetter(message, sender);
        else EnqueueMessage(new Envelope(message, sender));
    }

    /// <summary>A message this dead actor cannot take; the runtime's own timer ticks and termination notices are dropped, not reported.</summary>
    private void DeadLetter(object message, IActorRef? sender)
    {
        if (message is not (TimerScheduler.Tick or WatchedTerminated)) System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (!TryTakeWatchMessage(message)) EnqueueSystem(message);
    }

    public bool Equals(IActorRef? other) => other is IInternalActorRef o && ReferenceEquals(this, o.Canonical);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => $"Actor[{Path}]";

    protected override int Throughput => System.Settings.Throughput;

    protected override bool AcceptsMessages =>
        IsTerminated   // everything left goes to dead letters
        || (_state == Running && _failed == 0 && _asyncTask is null && _rare?.PendingRecreate is null);

    protected override void OnRunStart() => t_current = this;

    protected override void OnRunEnd() => t_current = null;

    protected override void Invoke(Envelope envelope) => Handle(envelope.Message, envelope.Sender);

    /// <summary>Handles one ordinary (or priority) message as the actor.</summary>
    private void Handle(object message, IActorRef? sender)
    {
        if (IsTerminated)
        {
            DeadLetter(message, sender);
            return;
        }
        _sender = sender;
        try
        {
            switch (message)
            {
                case PoisonPill:
                    Stop();
                    break;
                case Kill:
                    throw new ActorKilledException($"{Path} received Kill");
                case TimerScheduler.Tick tick:
                    if (_rare?.Timers is { } timers && timers.TryTake(tick, out var timed)) Deliver(timed);
                    break;
                case WatchedTerminated watched:
                    if (TakeQueuedTermination(watched.Subject)) Deliver(watched.Message);
                    break;
                default:
                    Deliver(message);
                    break;
            }
        }
        catch (Exception ex)
        {
            HandleInvokeException(ex, message);
        }
        finally
        {
            if (_asyncTask is null) _sender = null;   // an async handler keeps its sender for its continuations
        }
    }

    /// <summary>Hands a message to the actor; an async handler that did not finish synchronously suspends the mailbox.</summary>
    private void Deliver(object message)
    {
        var task = _actor!.Dispatch(message);
        if (task is null) return;
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();   // rethrows a failure for HandleInvokeException
            return;
        }
        _asyncTask = task;
        Rare.AsyncMessage = message;
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).EnqueueSystem(new AsyncHandlerCompleted(t)),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// An exception escaped a handler. One caused by the actor's own tripped token is not a failure: it ends an
    /// ordinary handler, and it stops an actor that was handling <see cref="Cancel"/>. Anything else goes to the
    /// supervisor.
    /// </summary>
    private void HandleInvokeException(Exception exception, object? message)
    {
        if (exception is OperationCanceledException && IsTokenTripped)
        {
            if (message is Cancel) Stop();
            return;
        }
        if (message is Cancel) RecordStopFailure(exception);
        Fail(exception, message);
    }

    protected override void SystemInvoke(SystemMessage message)
    {
        try
        {
            if (IsTerminated) SystemInvokeAfterDeath(message);
            else SystemInvokeAlive(message);
        }
        catch (Exception ex)
        {
            KernelLog.SystemMessageFailed(System.Log, Path, message.GetType().Name, ex);
        }
    }

    private void SystemInvokeAlive(SystemMessage message)
    {
        switch (message)
        {
            case Create: OnCreate(); break;
            case Terminate: OnTerminate(); break;
            case KillNow: HandleInvokeException(new ActorKilledException($"{Path} was killed"), null); break;
            case Failed failed: OnChildFailed(failed.Child, failed.Cause); break;
            case Resume: OnResume(); break;
            case Recreate recreate: OnRecreate(recreate.Cause); break;
            case DeathWatchNotification notification: OnDeathWatchNotification(notification); break;
            case RunContinuation continuation: RunAsActor(continuation); break;
            case AsyncHandlerCompleted completed: OnAsyncHandlerCompleted(completed.Task); break;
        }
    }

    /// <summary>A dead (or abandoned) actor lets an abandoned handler finish. (Watches never reach the mailbox: see <see cref="TryTakeWatchMessage"/>.)</summary>
    private void SystemInvokeAfterDeath(SystemMessage message)
    {
        if (message is RunContinuation continuation) RunAsActor(continuation);
    }
}
