using ActorShutdown.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorShutdown;

/// <summary>
/// A hierarchy of actors: <c>/user</c> for the application's actors, <c>/system</c> for the runtime's.
/// Stop it with <see cref="Terminate"/> (which runs <see cref="CoordinatedShutdown"/>), or dispose it.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeadLetterLog _deadLetterLog;
    private readonly ProcessShutdownHooks? _hooks;
    private readonly bool _terminateRunsPhases;
    private int _stopping;
    private long _deadLetterCount;
    private long _nextTempId;

    private ActorSystem(string name, Config config, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Name = name;
        Config = config;
        Settings = ActorSystemSettings.FromConfig(config);
        var shutdownSettings = CoordinatedShutdownSettings.FromConfig(config);
        var guardianSettings = ShutdownGuardianSettings.FromConfig(config);
        LoggerFactory = loggerFactory;
        Time = time;
        Log = loggerFactory.CreateLogger("ActorShutdown");
        CoordinatedShutdown = new CoordinatedShutdown(shutdownSettings.Phases, shutdownSettings.Deadline, time,
            loggerFactory.CreateLogger("ActorShutdown.CoordinatedShutdown"));
        _terminateRunsPhases = shutdownSettings.RunByActorSystemTerminate;
        _deadLetterLog = new DeadLetterLog(Log, Settings.LogDeadLetters);
        DeadLetters = new DeadLetterActorRef(this);
        Root = new ActorCell(this, ActorPath.Root, null, Props.Create<RootGuardian>());
        UserGuardian = (ActorCell)Root.ActorOf(Props.Create<GuardianActor>(), "user");
        SystemGuardian = (ActorCell)Root.ActorOf(Props.Create<GuardianActor>(), "system");
        Root.EnqueueSystem(new Create());
        if (shutdownSettings.TerminateActorSystem)
            CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "terminate-actor-system", TerminateAsPhase);
        if (guardianSettings.Enabled)
        {
            ShutdownGuardian = new ShutdownGuardian(this, CoordinatedShutdown, guardianSettings);
            CoordinatedShutdown.SetActorOutcomeSource(ShutdownGuardian.Ledger.Outcomes);
            CoordinatedShutdown.SetProgressSource(ShutdownGuardian.Ledger.FillProgress);
        }
        if (shutdownSettings.RunBySignals || shutdownSettings.RunByProcessExit || shutdownSettings.ExitProcess)
        {
            _hooks = new ProcessShutdownHooks(CoordinatedShutdown, shutdownSettings.RunBySignals, shutdownSettings.RunByProcessExit,
                shutdownSettings.ExitProcess, CountLiveUserActors);
            WhenTerminated.ContinueWith(static (_, s) => ((ProcessShutdownHooks)s!).Dispose(), _hooks, TaskScheduler.Default);
        }
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">The system's name: ASCII letters, digits, '-' and '_', starting with a letter or digit.</param>
    /// <param name="config">Configuration; <c>reference.conf</c> fills in whatever it does not set.</param>
    /// <param name="loggerFactory">Where the runtime and the actors log (default: nowhere).</param>
    /// <param name="timeProvider">The clock for every timer, timeout and interval (default: the system clock).</param>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ConfigurationException">A setting is missing, of the wrong type or invalid.</exception>
    public static ActorSystem Create(string name, Config? config = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
            throw new ArgumentException($"Invalid actor system name '{name}': use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        var merged = (config ?? Config.Empty).WithFallback(ConfigurationFactory.Default());
        return new ActorSystem(name, merged, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The configuration: the one given, with <c>reference.conf</c> as fallback.</summary>
    public Config Config { get; }

    /// <summary>The clock for every timer, timeout and interval of the system.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where the runtime and the actors log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Where undeliverable messages go: they are counted and logged (rate-limited).</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ActorSystemSettings Settings { get; }

    internal CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>The guardian, or null when <c>actors.shutdown-guardian.enabled = off</c>.</summary>
    internal ShutdownGuardian? ShutdownGuardian { get; }

    internal ILogger Log { get; }

    internal ActorCell Root { get; }

    internal ActorCell UserGuardian { get; }

    internal ActorCell SystemGuardian { get; }

    /// <summary>Told of every actor created from now on (set by the shutdown guardian when its scope is taken).</summary>
    internal volatile Action<ActorCell>? CreationObserver;

    /// <summary>How many dead letters the system has had.</summary>
    internal long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Creates a top-level actor (a child of <c>/user</c>).</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken.</exception>
    /// <exception cref="InvalidOperationException">The system has terminated.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => UserGuardian.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c>, out of the shutdown guardian's scope.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => SystemGuardian.ActorOf(props, name);

    /// <summary>Stops an actor: the message it is handling finishes, the queued ones become dead letters.</summary>
    /// <exception cref="ArgumentException">The actor belongs to another system.</exception>
    public void Stop(IActorRef actor)
    {
        var resolved = Resolve(actor);
        if (!ReferenceEquals(resolved.System, this)) throw new ArgumentException($"{actor} belongs to system '{resolved.System.Name}', not '{Name}'.", nameof(actor));
        resolved.Stop();
    }

    /// <summary>
    /// Shuts the system down: runs <see cref="CoordinatedShutdown"/> with <see cref="ShutdownReason.ActorSystemTerminate"/>
    /// (when <c>run-by-actor-system-terminate = on</c>, the default), whose last phase stops every actor. Completes
    /// when the system has terminated; faults if a phase with <c>recover = off</c> failed (the system then keeps
    /// running, and a later call terminates it directly).
    /// </summary>
    public Task Terminate()
    {
        if (!_terminateRunsPhases || CoordinatedShutdown.Completion.IsFaulted)
        {
            StopAll();
            return WhenTerminated;
        }
        return TerminateAfter(CoordinatedShutdown.Run(ShutdownReason.ActorSystemTerminate));
    }

    private async Task TerminateAfter(Task<ShutdownReport> run)
    {
        await run.ConfigureAwait(false);
        StopAll();   // in case the phases did not terminate the system (terminate-actor-system = off)
        await WhenTerminated.ConfigureAwait(false);
    }

    /// <summary>The task of the last phase: stops every actor; if the phase times out, abandons the ones still running.</summary>
    private async Task TerminateAsPhase(CancellationToken cancellationToken)
    {
        using var abandon = cancellationToken.Register(static s => ((ActorSystem)s!).AbandonRemaining(), this);
        StopAll();
        await WhenTerminated.ConfigureAwait(false);
    }

    /// <summary>Stops <c>/user</c>, then <c>/system</c>, then the root (once).</summary>
    private void StopAll()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0) Root.Tell(RootGuardian.StopSystem, null);
    }

    /// <summary>Detaches every actor still under <c>/user</c>, so that nothing can keep the system from terminating.</summary>
    private void AbandonRemaining()
    {
        foreach (var cell in LiveUserActors())
        {
            if (!cell.Detach()) continue;
            KernelLog.AbandonedAtTermination(Log, cell.Path);
            ShutdownMetrics.RecordAbandoned();
        }
    }

    private int CountLiveUserActors() => LiveUserActors().Count();

    private IEnumerable<ActorCell> LiveUserActors()
    {
        var pending = new Stack<ActorCell>();
        pending.Push(UserGuardian);
        while (pending.TryPop(out var cell))
        {
            foreach (var child in cell.Children)
            {
                var childCell = (ActorCell)child;
                if (!childCell.IsTerminated) yield return childCell;
                pending.Push(childCell);
            }
        }
    }

    /// <summary>Terminates the system and waits for it.</summary>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        var count = Interlocked.Increment(ref _deadLetterCount);
        _deadLetterLog.Record(message, sender, recipient, count);
    }

    internal ActorPath NextTempPath() => ActorPath.Root.Child("temp").Child(ActorNames.Generate(Interlocked.Increment(ref _nextTempId)));

    internal void OnRootTerminated() => _terminated.TrySetResult();

    /// <summary>The runtime's view of a ref; refs of other implementations are rejected clearly.</summary>
    internal static IInternalActorRef Resolve(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor as IInternalActorRef
            ?? throw new ArgumentException($"{actor} ({actor.GetType().Name}) is not an actor of an ActorShutdown system.", nameof(actor));
    }
}
