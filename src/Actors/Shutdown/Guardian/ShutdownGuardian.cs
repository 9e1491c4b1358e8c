using ActorShutdown.Configuration;
namespace ActorShutdown;

/// <summary>
/// Cancels every actor under <c>/user</c> when the system shuts down — re-sending the request to those that
/// resist, escalating, and in the end abandoning an actor that cannot be stopped — while shielded actors finish
/// their queued work and excluded ones are left alone. A system actor at <c>/system/shutdown-guardian</c>,
/// started with the system when <c>actors.shutdown-guardian.enabled = on</c>.
/// </summary>
public sealed class ShutdownGuardian
{
    private readonly ActorSystem _system;

    internal ShutdownGuardian(ActorSystem system, CoordinatedShutdown shutdown, ShutdownGuardianSettings settings)
    {
        _system = system;
        var ledger = new GuardianLedger(system.Time);
        Ledger = ledger;
        Ref = system.SystemActorOf(Props.Create(() => new ShutdownGuardianActor(settings, ledger)), "shutdown-guardian");
        shutdown.AddTask(settings.CancelPhase, "cancel-actors", _ =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // The report measures StoppedAfter from the start of the run, on the guardian's UTC-ticks clock.
            var sinceRunStart = system.Time.GetElapsedTime(shutdown.StartTimestamp ?? system.Time.GetTimestamp());
            var runStart = system.Time.GetUtcNow().UtcTicks - sinceRunStart.Ticks;
            Ref.Tell(new GuardianMessage.BeginCancelPhase(done, shutdown.Reason ?? ShutdownReason.Unknown, runStart), null);
            return CancelPhaseTask = done.Task;
        });
        shutdown.AddTask(settings.ShieldPhase, "drain-shields", token =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // The shield phase timing out is the outer bound of every shield.
            token.Register(() => Ref.Tell(new GuardianMessage.EndShields(), null));
            Ref.Tell(new GuardianMessage.BeginShieldPhase(done), null);
            return ShieldPhaseTask = done.Task;
        });
    }

    /// <summary>The guardian of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">The guardian is disabled (<c>actors.shutdown-guardian.enabled = off</c>).</exception>
    public static ShutdownGuardian Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.ShutdownGuardian
            ?? throw new InvalidOperationException($"The shutdown guardian of '{system.Name}' is disabled (actors.shutdown-guardian.enabled = off).");
    }

    /// <summary>
    /// The guardian's task in the cancel phase of the run, once that phase has started; completed when the phase's
    /// actors have all stopped. (Tests on a manual clock use it to tell a phase that is ending from one that waits.)
    /// </summary>
    internal Task? CancelPhaseTask { get; private set; }

    /// <summary>The guardian's task in the shield phase, as <see cref="CancelPhaseTask"/>.</summary>
    internal Task? ShieldPhaseTask { get; private set; }

    /// <summary>The guardian's actor, <c>/system/shutdown-guardian</c>.</summary>
    public IActorRef Ref { get; }

    internal GuardianLedger Ledger { get; }

    /// <summary>
    /// Shields an actor and its subtree: it is never cancelled and its token never tripped; in the shield phase it
    /// gets a <see cref="PoisonPill"/> and stops once its queued work is done. The shield ends (and the actor is
    /// cancelled like the rest) <paramref name="maxDuration"/> after the cancel phase begins (default
    /// <c>shield-timeout</c>), or when the shield phase times out.
    /// </summary>
    /// <exception cref="ArgumentException">The actor is not under <c>/user</c> of this system.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDuration"/> is not positive.</exception>
    public void Shield(IActorRef actor, TimeSpan? maxDuration = null)
    {
        if (maxDuration is { } bound && bound <= TimeSpan.Zero && bound != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(maxDuration), bound, "A shield's maximum duration must be positive or Timeout.InfiniteTimeSpan.");
        Ref.Tell(new GuardianMessage.Protect(UserActor(actor), Excluded: false, maxDuration), null);
    }

    /// <summary>Ends an actor's shield; during shutdown it is cancelled from then on.</summary>
    /// <exception cref="ArgumentException">The actor is not under <c>/user</c> of this system.</exception>
    public void Unshield(IActorRef actor) => Ref.Tell(new GuardianMessage.Unshield(UserActor(actor)), null);

    /// <summary>Excludes an actor and its subtree: neither cancelled nor drained; it stops with the system in the last phase.</summary>
    /// <exception cref="ArgumentException">The actor is not under <c>/user</c> of this system.</exception>
    public void Exclude(IActorRef actor) => Ref.Tell(new GuardianMessage.Protect(UserActor(actor), Excluded: true, null), null);

    private ActorCell UserActor(IActorRef actor)
    {
        var resolved = ActorSystem.Resolve(actor).Canonical;
        if (resolved is not ActorCell cell || !ReferenceEquals(cell.System, _system) || !cell.Path.IsSameOrDescendantOf(_system.UserGuardian.Path) || cell == _system.UserGuardian)
            throw new ArgumentException($"{actor.Path} is not an actor under /user of system '{_system.Name}'; only those can be shielded or excluded.", nameof(actor));
        return cell;
    }
}
