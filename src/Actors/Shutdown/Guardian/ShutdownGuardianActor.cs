using System.Runtime.CompilerServices;
using ActorShutdown.Configuration;
namespace ActorShutdown;

/// <summary>
/// The guardian's loop. When the cancel phase begins it takes every live actor under <c>/user</c> into scope,
/// watches each, and cancels the unprotected ones: attempt <c>k</c> at <c>start + (k−1)·interval</c>, escalation
/// one interval after the last attempt, abandonment <c>escalation-timeout</c> later. In the shield phase it
/// drains the shielded subtrees. Ancestors of shielded actors are cancelled once their last shielded
/// descendant has stopped.
/// </summary>
/// <remarks>
/// One timer serves every actor: the steps (attempt, escalate and abandon for a <see cref="CancelCohort"/> — the
/// actors whose loops started together, typically the whole scope — and shield expiry) wait in a priority queue
/// by due time, and the timer is armed for the earliest. Steps are due on their schedule, not when a tick
/// happens to be handled, so attempt times are exact under a manual clock. Termination notices arrive through
/// <see cref="ITerminationListener"/>, in the system queue, so nothing the guardian has queued delays them.
/// </remarks>
internal sealed class ShutdownGuardianActor(ShutdownGuardianSettings settings, GuardianLedger ledger) : UntypedActor, IWithTimers, ITerminationListener
{
    private const string TimerKey = "step";

    /// <summary>A due time never reached.</summary>
    private const long Never = long.MaxValue;

    /// <summary>The longest a timer may wait (that of <see cref="System.Threading.Timer"/>, about 49.7 days).</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Dictionary<ActorCell, Shield> _registrations = [];
    private readonly PathPattern[] _shieldedPatterns = [.. settings.ShieldedPaths.Select(p => new PathPattern(p))];
    private readonly PathPattern[] _excludedPatterns = [.. settings.ExcludedPaths.Select(p => new PathPattern(p))];
    private readonly PriorityQueue<Step, long> _schedule = new();
    private CancelCohort? _openCohort;   // the latest cohort, which actors starting at the same time join until its attempt 1
    private ShutdownReason _reason = ShutdownReason.Unknown;
    private Cancel[]? _cancels;   // the Cancel of each attempt, shared by every actor cancelled for _reason
    private bool _scopeTaken;
    private bool _walking;
    private bool _draining;
    private bool _cancelPhaseOver;
    private TaskCompletionSource? _cancelPhaseDone;
    private TaskCompletionSource? _shieldPhaseDone;
    private int _holdingCancelPhase;
    private int _holdingShieldPhase;
    private long _t0;
    private long? _timerDue;

    public ITimerScheduler Timers { get; set; } = null!;

    private long Now => Context.System.Time.GetUtcNow().UtcTicks;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case GuardianMessage.Protect protect: OnProtect(protect); break;
            case GuardianMessage.Unshield unshield: OnUnshield(unshield.Actor); break;
            case GuardianMessage.BeginCancelPhase begin:
                _reason = begin.Reason;
                _cancels = null;
                _cancelPhaseDone = begin.Done;
                ledger.RunStart = begin.RunStart;
                TakeScope();
                break;
            case GuardianMessage.BeginShieldPhase begin:
                _shieldPhaseDone = begin.Done;
                TakeScope();
                DrainShields();
                break;
            case GuardianMessage.EndShields:
                foreach (var shield in ledger.Actors.Select(t => t.Shield).OfType<Shield>().Distinct().ToList()) EndShield(shield, Now);
                break;
            case GuardianMessage.ActorCreated created: Track(created.Actor, isNew: true); break;
            case GuardianMessage.Tick:
                _timerDue = null;
                break;
            default: Unhandled(message); break;
        }
        RunDueSteps();
        CheckPhases();
        ArmTimer();
    }

    protected override void PostStop() => Context.System.CreationObserver = null;

    private void OnProtect(GuardianMessage.Protect protect)
    {
        if (!_scopeTaken)
        {
            _registrations[protect.Actor] = new Shield(protect.Excluded, protect.Bound ?? settings.ShieldTimeout);
            return;
        }
        // The scope was taken: every unprotected actor in it has had its first cancel request already.
        if (!GuardianLedger.TryGet(protect.Actor, out var tracked) || tracked.Role is ActorRole.Unprotected or ActorRole.AncestorOfShielded)
            GuardianLog.LateProtection(Context.System.Log, protect.Actor.Path);
    }

    private void OnUnshield(ActorCell actor)
    {
        if (!_scopeTaken) _registrations.Remove(actor);
        // Only the actor that owns a shield (the top of the subtree it covers) can end it, as before the scope was taken.
        else if (GuardianLedger.TryGet(actor, out var tracked) && tracked.Shield is { Excluded: false } shield && !ReferenceEquals(tracked.Parent?.Shield, shield))
            EndShield(shield, Now);
    }

    // Once-per-shutdown loops over every actor in scope: tiered compilation would leave them at tier 0 (a method
    // must be called 30 times to be optimised), so they are compiled optimised on their first call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TakeScope()
    {
        if (_scopeTaken) return;
        _scopeTaken = true;
        _t0 = Now;
        var self = Self;
        var user = Context.System.UserGuardian.Path;
        // Only /user is in scope: the runtime's own actors (TestKit probes, for one) are created under /system.
        Context.System.CreationObserver = cell =>
        {
            if (cell.Path.IsSameOrDescendantOf(user)) self.Tell(new GuardianMessage.ActorCreated(cell), null);
        };
        // Parents are walked before their children (depth first, one top-level subtree at a time), so a parent's
        // role is known only once the whole scope is: no cancel loop starts before then (an ancestor of a shielded
        // actor must not get attempt 1). With nothing protected (no registration, no pattern), every actor is
        // unprotected as soon as it is tracked: each subtree gets attempt 1 once it is walked (all of it, so a
        // stopping parent cannot take a child out of the scope unseen), and the actors stop while the rest is walked.
        _walking = true;
        var cancelWhileWalking = _registrations.Count == 0 && _shieldedPatterns.Length == 0 && _excludedPatterns.Length == 0;
        var topLevel = Context.System.UserGuardian.SnapshotChildren();
        ledger.EnsureCapacity(topLevel.Length);
        var actors = ledger.Actors;
        var cohort = OpenCohort(_t0, topLevel.Length, firstAttemptSent: cancelWhileWalking);
        var pending = new Stack<ActorCell>();
        foreach (var top in topLevel)
        {
            var walked = actors.Count;
            pending.Push(top);
            while (pending.TryPop(out var cell))
            {
                if (cell.IsTerminated) continue;   // gone before the scope was taken: not its business
                Track(cell, isNew: false);
                foreach (var child in cell.SnapshotChildren()) pending.Push(child);
            }
            if (!cancelWhileWalking) continue;
            for (var i = walked; i < actors.Count; i++)
            {
                if (CancelsAtScope(actors[i])) Join(cohort, actors[i]);
            }
            for (var i = actors.Count - 1; i >= walked; i--)
            {
                if (ReferenceEquals(actors[i].Cohort, cohort)) SendAttempt(actors[i]);   // children first: see RunCohortStep
            }
        }
        _walking = false;
        if (!cancelWhileWalking)
        {
            foreach (var tracked in actors)
            {
                if (CancelsAtScope(tracked)) StartCancelLoop(tracked, _t0);
            }
        }
        foreach (var shield in ledger.Actors.Select(t => t.Shield).OfType<Shield>().Distinct())
        {
            if (shield.Bound != Timeout.InfiniteTimeSpan && !shield.Excluded) Schedule(new Step(StepKind.ShieldExpiry, null, shield), After(_t0, shield.Bound.Ticks));
        }
        GuardianLog.ScopeTaken(Context.System.Log, actors.Count,
            actors.Count(t => t.Role == ActorRole.Shielded), actors.Count(t => t.Role == ActorRole.Excluded),
            actors.Count(t => t.Role is ActorRole.AncestorOfShielded or ActorRole.AncestorOfExcluded));
    }

    /// <summary>
    /// Whether the scope's first attempt goes to the actor: actors already stopping are watched and reported, not
    /// cancelled; an ancestor whose shielded descendants all terminated while the scope was being taken is.
    /// </summary>
    private static bool CancelsAtScope(TrackedActor tracked) =>
        tracked.Role == ActorRole.Unprotected
            ? !tracked.Cell.IsStopping && tracked.StoppedAt is null
            : tracked is { Role: ActorRole.AncestorOfShielded, LiveShieldedDescendants: 0 };

    /// <summary>
    /// Takes an actor into scope: its role comes from its own registration or pattern, else from its parent's
    /// protection. Parents are always tracked before their children (the walk is top-down, and a new actor's
    /// parent was either in scope or created earlier).
    /// </summary>
    private TrackedActor? Track(ActorCell cell, bool isNew)
    {
        if (GuardianLedger.TryGet(cell, out _)) return null;
        GuardianLedger.TryGet(cell.ParentCell!, out var parent);
        var inherited = parent?.Shield;
        var shield = OwnShield(cell) ?? inherited;
        var role = shield is null ? ActorRole.Unprotected : shield.Excluded ? ActorRole.Excluded : ActorRole.Shielded;
        var tracked = new TrackedActor(cell, parent, role, shield);
        if (role == ActorRole.Shielded && _draining && !shield!.Ended)
        {
            // Shielded after draining began: a child of a draining actor is drained with it; any other (a match
            // of a shielded pattern under an unprotected parent, say) is drained now.
            tracked.Drained = true;
            if (parent is not { Role: ActorRole.Shielded, Shield.Ended: false }) cell.Drain();
        }
        shield?.Members.Add(tracked);
        ledger.Add(tracked);
        if (role == ActorRole.Shielded)
        {
            tracked.HoldsShieldPhase = true;
            _holdingShieldPhase++;
        }
        if (role != ActorRole.Unprotected) HoldAncestors(tracked);
        if (role == ActorRole.Unprotected && !_cancelPhaseOver)
        {
            tracked.HoldsCancelPhase = true;
            _holdingCancelPhase++;
        }
        if (!cell.TryAddWatcher((IInternalActorRef)Self))
        {
            OnTerminated(cell);
            return tracked;
        }
        if (role == ActorRole.Unprotected && isNew) StartCancelLoop(tracked, Now);
        return tracked;
    }

    private Shield? OwnShield(ActorCell cell)
    {
        // Count first: hashing a cell hashes its path, and most scopes have no registrations.
        if (_registrations.Count > 0 && _registrations.TryGetValue(cell, out var registered)) return registered;
        if (AnyMatches(_excludedPatterns, cell.Path)) return new Shield(excluded: true, Timeout.InfiniteTimeSpan);
        if (AnyMatches(_shieldedPatterns, cell.Path)) return new Shield(excluded: false, settings.ShieldTimeout);
        return null;
    }

    // A loop, not Array.Exists with a lambda: this runs for every actor in scope, and the closure would allocate each time.
    private static bool AnyMatches(PathPattern[] patterns, ActorPath path)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(path)) return true;
        }
        return false;
    }

    /// <summary>
    /// Marks the ancestors of a protected actor, so they are not cancelled while it lives: every ancestor outside
    /// its shield counts it (an unprotected one, or one whose own shield may end first), and the ancestors of an
    /// excluded actor — shielded ones included — stop with the system, neither cancelled nor drained.
    /// </summary>
    private void HoldAncestors(TrackedActor protectedActor)
    {
        if (protectedActor.Role == ActorRole.Excluded)
        {
            for (var p = protectedActor.Parent; p is not null && p.Role is not (ActorRole.Excluded or ActorRole.AncestorOfExcluded); p = p.Parent)
            {
                Release(ref p.HoldsCancelPhase, ref _holdingCancelPhase);
                Release(ref p.HoldsShieldPhase, ref _holdingShieldPhase);
                p.Role = ActorRole.AncestorOfExcluded;
            }
            return;
        }
        protectedActor.CountedByAncestors = true;
        for (var p = protectedActor.Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p.Shield, protectedActor.Shield)) continue;   // the same shield: they end together
            p.LiveShieldedDescendants++;
            if (p.Role != ActorRole.Unprotected) continue;
            p.Role = ActorRole.AncestorOfShielded;
            Release(ref p.HoldsCancelPhase, ref _holdingCancelPhase);
            if (!p.HoldsShieldPhase)
            {
                p.HoldsShieldPhase = true;
                _holdingShieldPhase++;
            }
        }
    }

    /// <summary>Clears a phase hold and its count.</summary>
    private static void Release(ref bool holds, ref int holding)
    {
        if (!holds) return;
        holds = false;
        holding--;
    }

    /// <summary>Starts the cancel loop of an ancestor held for its shielded descendants, once none is left and it is not protected itself.</summary>
    private void StartIfReleased(TrackedActor held, long at)
    {
        if (held.LiveShieldedDescendants == 0 && (held.Role == ActorRole.AncestorOfShielded || held is { Role: ActorRole.Shielded, Shield.Ended: true }))
            StartCancelLoop(held, at);
    }

    private void DrainShields()
    {
        _draining = true;
        var draining = ledger.Actors.Where(t => t is { Role: ActorRole.Shielded, StoppedAt: null, Shield.Ended: false }).ToList();
        GuardianLog.Draining(Context.System.Log, draining.Count);
        foreach (var tracked in draining)
        {
            // The roots get the PoisonPill; their shielded subtrees are drained with them.
            tracked.Drained = true;
            if (tracked.Parent is not { Role: ActorRole.Shielded, Shield.Ended: false }) tracked.Cell.Drain();
        }
    }

    private void EndShield(Shield shield, long at)
    {
        if (shield.Ended || shield.Excluded) return;
        shield.Ended = true;
        foreach (var member in shield.Members)
        {
            // An ancestor of an excluded actor stays; one of another, still shielded actor waits for it to stop.
            if (member.StoppedAt is not null || member.Role != ActorRole.Shielded) continue;
            member.Drained = false;
            GuardianLog.ShieldEnded(Context.System.Log, member.Cell.Path);
            StartIfReleased(member, at);
        }
    }

    /// <summary>
    /// Puts an actor in a cancel loop starting at <paramref name="start"/>: in the open cohort when that starts at
    /// the same time and has not sent its first attempt, else in a new one. The attempt itself is sent by
    /// <see cref="RunDueSteps"/> at the end of the message being handled, so a whole scope joins one cohort.
    /// </summary>
    private void StartCancelLoop(TrackedActor tracked, long start)
    {
        if (tracked.Cohort is not null || tracked.StoppedAt is not null) return;
        Join(_openCohort is { NextAttempt: 1 } open && open.Start == start ? open : OpenCohort(start, capacity: 1, firstAttemptSent: false), tracked);
    }

    private static void Join(CancelCohort cohort, TrackedActor tracked)
    {
        cohort.Members.Add(tracked);
        cohort.Live++;
        tracked.Cohort = cohort;
    }

    /// <summary>
    /// Opens the cohort later actors starting at <paramref name="start"/> join, sized for <paramref name="capacity"/>
    /// members (the whole scope's, so its list is not grown a doubling at a time), and schedules its attempt 1 —
    /// or, when its members get attempt 1 as they join (<paramref name="firstAttemptSent"/>), what follows it. A
    /// cohort no actor joins does nothing.
    /// </summary>
    private CancelCohort OpenCohort(long start, int capacity, bool firstAttemptSent)
    {
        var cohort = _openCohort = new CancelCohort(start, capacity);
        if (!firstAttemptSent) Schedule(new Step(StepKind.Attempt, cohort, null), start);
        else ScheduleAfterAttempt(cohort, cohort.NextAttempt++);
        return cohort;
    }

    /// <summary>Queues a step; one due at <see cref="Never"/> (a bound too far away to reach) is dropped.</summary>
    private void Schedule(Step step, long due)
    {
        if (due != Never) _schedule.Enqueue(step, due);
    }

    /// <summary><paramref name="count"/> times <paramref name="ticks"/> after <paramref name="from"/>, saturating at <see cref="Never"/> instead of wrapping.</summary>
    private static long After(long from, long ticks, int count = 1) =>
        ticks > (Never - from) / Math.Max(count, 1) ? Never : from + ticks * count;

    private void RunDueSteps()
    {
        var now = Now;
        while (_schedule.TryPeek(out var step, out var due) && due <= now)
        {
            _schedule.Dequeue();
            if (step.Kind == StepKind.ShieldExpiry) EndShield(step.Shield!, due);
            else if (step.Cohort!.Live > 0) RunCohortStep(step.Cohort, step.Kind, due);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCohortStep(CancelCohort cohort, StepKind kind, long due)
    {
        switch (kind)
        {
            case StepKind.Attempt:
                var attempt = cohort.NextAttempt++;
                // Children before parents (members join parents first): a parent that stops at its Cancel stops its
                // children, and a child already stopping ignores the request, so parent-first the children's
                // attempts would be taken or not by a race.
                for (var i = cohort.Members.Count - 1; i >= 0; i--)
                {
                    if (cohort.Members[i].StoppedAt is null) SendAttempt(cohort.Members[i]);
                }
                ScheduleAfterAttempt(cohort, attempt);
                break;
            case StepKind.Escalate:
                foreach (var tracked in cohort.Members)
                {
                    // Stopping on its own already (waiting for its children, say): nothing to escalate — a Kill would
                    // only be recorded as a failure of its stop. Abandoned like the rest if it never gets there.
                    if (tracked.StoppedAt is not null || tracked.Cell.IsStopping) continue;
                    tracked.Escalated = true;
                    ShutdownMetrics.RecordEscalation();
                    GuardianLog.Escalating(Context.System.Log, tracked.Cell.Path, tracked.Cell.CancelAttempts, settings.Escalation);
                    if (settings.Escalation == ShutdownEscalation.Kill) tracked.Cell.EnqueueSystem(new KillNow());
                    else tracked.Cell.Stop();
                }
                Schedule(new Step(StepKind.Abandon, cohort, null), After(due, settings.EscalationTimeout.Ticks));
                break;
            case StepKind.Abandon:
                foreach (var tracked in cohort.Members)
                {
                    if (tracked.StoppedAt is not null) continue;
                    GuardianLog.Abandoning(Context.System.Log, tracked.Cell.Path, settings.EscalationTimeout);
                    if (tracked.Cell.Detach()) ShutdownMetrics.RecordAbandoned();
                }
                break;
        }
    }

    /// <summary>Sends the actor the cohort's next cancel request.</summary>
    private void SendAttempt(TrackedActor tracked)
    {
        _cancels ??= [.. Enumerable.Range(1, settings.MaxCancelAttempts).Select(a => new Cancel(a, _reason))];
        ledger.CountAttempt();   // before the request: whoever sees the Cancel sees it counted
        var delivered = tracked.Cell.CancelAttempts;
        tracked.Cell.RequestCancel(_reason, _cancels);
        // An actor already stopping ignores the request: only those it takes are counted.
        if (tracked.Cell.CancelAttempts != delivered) ShutdownMetrics.RecordCancelAttempt();
    }

    /// <summary>Schedules what follows a cohort's attempt <paramref name="attempt"/>: the next attempt, or escalation after the last.</summary>
    private void ScheduleAfterAttempt(CancelCohort cohort, int attempt)
    {
        var interval = settings.CancelInterval.Ticks;
        if (attempt < settings.MaxCancelAttempts) Schedule(new Step(StepKind.Attempt, cohort, null), After(cohort.Start, interval, attempt));
        else Schedule(new Step(StepKind.Escalate, cohort, null), After(cohort.Start, interval, settings.MaxCancelAttempts));
    }

    private void ArmTimer()
    {
        if (!_schedule.TryPeek(out _, out var due))
        {
            if (_timerDue is not null) Timers.Cancel(TimerKey);
            _timerDue = null;
            return;
        }
        if (_timerDue == due) return;
        _timerDue = due;
        // A timer cannot wait longer than MaxTimerDelay; one that fires early finds nothing due and is armed again.
        var delay = TimeSpan.FromTicks(Math.Clamp(due - Now, 0, MaxTimerDelay.Ticks));
        Timers.StartSingleTimer(TimerKey, GuardianMessage.Tick.Instance, delay);
    }

    public void OnTerminated(IInternalActorRef actor)
    {
        if (actor is not ActorCell cell || !GuardianLedger.TryGet(cell, out var tracked) || tracked.StoppedAt is not null) return;
        var now = Now;
        tracked.StoppedAt = now;
        if (tracked.Cohort is { } cohort) cohort.Live--;
        ledger.CountStopped(tracked);
        Release(ref tracked.HoldsCancelPhase, ref _holdingCancelPhase);
        Release(ref tracked.HoldsShieldPhase, ref _holdingShieldPhase);
        if (tracked.CountedByAncestors)
        {
            for (var p = tracked.Parent; p is not null; p = p.Parent)
            {
                if (ReferenceEquals(p.Shield, tracked.Shield)) continue;
                p.LiveShieldedDescendants--;
                if (!_walking) StartIfReleased(p, now);
            }
            RunDueSteps();   // a released ancestor's attempt 1 is due now
        }
        CheckPhases();
        ArmTimer();
    }

    private void CheckPhases()
    {
        if (_cancelPhaseDone is not null && _holdingCancelPhase == 0)
        {
            _cancelPhaseOver = true;
            _cancelPhaseDone.TrySetResult();
        }
        if (_shieldPhaseDone is not null && _holdingShieldPhase == 0) _shieldPhaseDone.TrySetResult();
    }

    private enum StepKind { Attempt, Escalate, Abandon, ShieldExpiry }

    private readonly record struct Step(StepKind Kind, CancelCohort? Cohort, Shield? Shield);
}
