using Akka.Event;
using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown;

/// <summary>
/// Structured, graceful shutdown for an actor system: when its coordinated shutdown runs, cancels every actor under
/// <c>/user</c>, re-sends the cancellation to those that resist, escalates and gives up on the stuck ones, drains the
/// shielded ones, and reports what happened to each actor, phase, task and lease.
/// </summary>
/// <remarks>
/// Loading it injects the library's reference configuration as a fallback, validates <c>akka.shutdown-guardian</c>
/// (a bad value is a <see cref="ConfigurationException"/> naming the key), starts <c>/system/shutdown-guardian</c>
/// and adds its tasks to Akka's phases. Everything it schedules goes through the system's scheduler.
/// </remarks>
public sealed class ShutdownGuardian : IExtension
{
    internal const string CancelTaskName = "shutdown-guardian-cancel";
    internal const string DrainTaskName = "shutdown-guardian-drain";

    private readonly GuardianLedger _ledger = new();
    private readonly PhaseTracker _phases;
    private readonly CoordinatedShutdown _shutdown;
    private readonly TaskCompletionSource<ShutdownReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<LeaseOutcome> _leases = [];

    internal ShutdownGuardian(ExtendedActorSystem system)
    {
        System = system;
        system.Settings.InjectTopLevelFallback(ReferenceConfig.Load());
        _shutdown = CoordinatedShutdown.Get(system);
        var order = AkkaPhaseOrder.Of(_shutdown);
        Settings = ShutdownGuardianSettings.From(system.Settings.Config, order);
        PhaseTimeouts.WarnWhereTheyDoNotFit(system, _shutdown, Settings);
        ActorCancellation.Install(system);
        Ref = system.SystemActorOf(Props.Create(() => new ShutdownGuardianActor(Settings, _ledger)).WithDeploy(Deploy.Local), "shutdown-guardian");
        _phases = new PhaseTracker(system, _shutdown, order, Settings.Deadline);
        _phases.RunEnded += CompleteReport;
        system.WhenTerminated.ContinueWith(_ => _phases.SystemTerminated(), TaskScheduler.Default);
        if (Settings.RunBySignals || Settings.ExitProcess) ProcessSignals.Install(this);
        AddTask(Settings.CancelPhase, CancelTaskName, token =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Ref.Tell(new GuardianMessages.BeginCancelPhase(RunReason, _phases.RunStart, Now, done));
            token.Register(() => Ref.Tell(new GuardianMessages.CancelPhaseTimedOut(Now)));
            return done.Task;
        });
        AddTask(Settings.ShieldPhase, DrainTaskName, _ =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Ref.Tell(new GuardianMessages.BeginShieldPhase(done));
            return done.Task;
        });
    }

    internal ExtendedActorSystem System { get; }

    internal ShutdownGuardianSettings Settings { get; }

    /// <summary>The run's phases as the guardian follows them.</summary>
    internal PhaseTracker Phases => _phases;

    private long Now => System.Scheduler.Now.UtcTicks;

    /// <summary>The running shutdown's reason, else <see cref="CoordinatedShutdown.UnknownReason"/>.</summary>
    private CoordinatedShutdown.Reason RunReason => _shutdown.ShutdownReason ?? CoordinatedShutdown.UnknownReason.Instance;

    /// <summary>The guardian of <paramref name="system"/>, loading it on first use (idempotent).</summary>
    /// <param name="system">The actor system.</param>
    public static ShutdownGuardian Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ShutdownGuardian, ShutdownGuardianProvider>();
    }

    /// <summary>The guardian's actor, <c>/system/shutdown-guardian</c>.</summary>
    public IActorRef Ref { get; }

    /// <summary>Completes when the coordinated shutdown has finished, or at the deadline, whichever is first.</summary>
    public Task<ShutdownReport> Report => _report.Task;

    /// <summary>A snapshot of the run's progress, safe to read from any thread.</summary>
    public ShutdownProgress Progress
    {
        get
        {
            lock (_ledger.Lock) return new ShutdownProgress(_phases.CurrentPhase, _ledger.Live, _ledger.CancelRequestsSent);
        }
    }

    /// <summary>
    /// Shields <paramref name="actor"/> and its subtree: it is never cancelled and its token never tripped; in the
    /// shield phase it gets <paramref name="stopMessage"/> (<see cref="PoisonPill"/> by default), finishes its queued
    /// work and stops. Its ancestors are not cancelled while it lives.
    /// </summary>
    /// <param name="actor">An actor under <c>/user</c>.</param>
    /// <param name="maxDuration">How long the shield lasts from the start of the cancel phase; <c>shield-timeout</c> by default.</param>
    /// <param name="stopMessage">The message that makes it stop after its queued work, such as a persistent actor's own stop command.</param>
    /// <exception cref="ArgumentException">The actor is not under <c>/user</c>, or <paramref name="maxDuration"/> is not positive.</exception>
    public void Shield(IActorRef actor, TimeSpan? maxDuration = null, object? stopMessage = null)
    {
        RequireUserActor(actor);
        if (maxDuration is { } bound && bound <= TimeSpan.Zero)
            throw new ArgumentException($"The shield of {actor.Path} must last a positive time; got {bound}.", nameof(maxDuration));
        Ref.Tell(new GuardianMessages.Protect(actor, new Shield(excluded: false, maxDuration ?? Settings.ShieldTimeout, stopMessage)));
    }

    /// <summary>Ends the shield of <paramref name="actor"/>: from then on it (with its subtree) is cancelled like any other actor.</summary>
    /// <param name="actor">A shielded actor.</param>
    public void Unshield(IActorRef actor)
    {
        RequireUserActor(actor);
        Ref.Tell(new GuardianMessages.Unshield(actor));
    }

    /// <summary>Excludes <paramref name="actor"/> and its subtree: neither cancelled nor drained, it stops with the system.</summary>
    /// <param name="actor">An actor under <c>/user</c>.</param>
    public void Exclude(IActorRef actor)
    {
        RequireUserActor(actor);
        Ref.Tell(new GuardianMessages.Protect(actor, new Shield(excluded: true, null, null)));
    }

    /// <summary>
    /// Makes one cancel request for <paramref name="actor"/>, at any time: trips its token at once and sends it
    /// <see cref="ActorShutdown.Cancel"/> with its next attempt number.
    /// </summary>
    /// <param name="actor">Any actor.</param>
    /// <param name="reason">The reason; the running shutdown's by default, else <see cref="CoordinatedShutdown.UnknownReason"/>.</param>
    public void Cancel(IActorRef actor, CoordinatedShutdown.Reason? reason = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActorCancellation.Request(actor, reason ?? RunReason);
    }

    /// <summary>
    /// Adds a task to Akka's <paramref name="phase"/> whose token is cancelled when that phase times out or the deadline
    /// passes (Akka itself leaves a timed-out task running). Its outcome is in the report. Disposing the returned handle
    /// before the run removes the task: it then completes at once.
    /// </summary>
    /// <param name="phase">A phase of <c>akka.coordinated-shutdown.phases</c>.</param>
    /// <param name="taskName">The task's name in logs and the report.</param>
    /// <param name="task">The task.</param>
    /// <exception cref="ConfigurationException">The phase is unknown.</exception>
    public IDisposable AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        return _phases.AddTask(phase, taskName, task);
    }

    /// <summary>Records a lease tied to the shutdown, for the report.</summary>
    internal void RecordLease(LeaseOutcome outcome)
    {
        lock (_leases) _leases.Add(outcome);
    }

    private void CompleteReport(bool deadlinePassed)
    {
        var now = Now;
        var runStart = _phases.RunStart == 0 ? now : _phases.RunStart;
        IReadOnlyList<ActorOutcome> actors;
        lock (_ledger.Lock) actors = _ledger.Snapshot(now);
        LeaseOutcome[] leases;
        lock (_leases) leases = [.. _leases];
        var duration = TimeSpan.FromTicks(now - runStart);
        var report = new ShutdownReport(RunReason, new DateTimeOffset(runStart, TimeSpan.Zero), duration, _phases.Outcomes(now, deadlinePassed),
            actors, leases, deadlinePassed, Settings.SignalExitCode, Settings.UncleanExitCode);
        ShutdownTelemetry.ShutdownDuration.Record(duration.TotalSeconds);
        if (!report.Clean) System.Log.Warning("Shutdown was not clean (exit code {0}):\n{1}", report.ExitCode, report);
        _report.TrySetResult(report);
    }

    private static void RequireUserActor(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var elements = actor.Path.Elements;
        if (elements.Count < 2 || elements[0] != "user")
            throw new ArgumentException($"Only actors under /user can be shielded or excluded; {actor.Path} is not one.", nameof(actor));
    }
}
