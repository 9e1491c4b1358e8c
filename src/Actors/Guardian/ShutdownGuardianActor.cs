using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Event;

namespace ActorShutdown;

/// <summary>
/// The guardian's loop. When the cancel phase begins it takes every live actor under <c>/user</c> into scope, watches
/// each, and cancels the unprotected ones: attempt <c>k</c> at <c>t0 + (k−1)·cancel-interval</c>, escalation one
/// interval after the last attempt, abandonment <c>escalation-timeout</c> later. In the shield phase it drains the
/// shielded actors, leaves first. Ancestors of shielded actors are cancelled once their last shielded descendant has
/// stopped. Actors created later are taken in when a walk of the tree (one each interval) first sees them.
/// </summary>
/// <remarks>
/// One timer serves every actor: the steps (attempt, escalate and abandon for a <see cref="CancelCohort"/>, shield
/// expiry, rescan) wait in a priority queue by due time and the timer is armed for the earliest. Steps run at their
/// due time, not when a tick happens to be handled, so attempt times are exact under <c>TestScheduler</c>.
/// </remarks>
internal sealed class ShutdownGuardianActor : UntypedActor, IWithTimers
{
    private const string TimerKey = "step";

    // The walk waits for the tokens tripped ahead of it at most one cancel interval: a token callback that blocks must
    // not keep every other actor from being cancelled.
    private const string TripsTimerKey = "trips";

    // A walk of the whole tree takes tens of milliseconds at 100,000 actors: not more often than this, whatever the
    // cancel interval (a 10 ms one made the guardian do nothing but walk).
    private static readonly TimeSpan MinRescanPeriod = TimeSpan.FromSeconds(1);
    private const long Never = long.MaxValue;

    // The longest a timer may wait; one that fires early finds nothing due and is armed again.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private readonly ShutdownGuardianSettings _settings;
    private readonly GuardianLedger _ledger;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, Shield> _registrations = [];
    private readonly PathPattern[] _shieldedPatterns;
    private readonly PathPattern[] _excludedPatterns;
    private readonly ExcludedTypes _excludedTypes;
    private readonly PriorityQueue<Step, long> _schedule = new();
    private readonly List<CancelCohort> _cohorts = [];
    private readonly List<Shield> _shields = [];   // every shield with a member in scope, once
    private CancelCohort? _openCohort;
    private CoordinatedShutdown.Reason _reason = CoordinatedShutdown.UnknownReason.Instance;
    private bool _scopeTaken;
    private bool _walking;
    private bool _draining;
    private bool _cancelPhaseOver;
    private GuardianMessages.BeginCancelPhase? _cancelPhase;
    private TaskCompletionSource? _cancelPhaseDone;
    private TaskCompletionSource? _shieldPhaseDone;
    private int _holdingCancelPhase;
    private int _holdingShieldPhase;
    private long _t0;
    private long? _timerDue;
    private readonly DeathWatcher _watcher;
    private readonly IActorRef _self;   // OnTerminated runs on other threads, where Self cannot be read
    private readonly ConcurrentQueue<IActorRef> _terminated = new();
    private int _terminatedPosted;

    public ShutdownGuardianActor(ShutdownGuardianSettings settings, GuardianLedger ledger)
    {
        _settings = settings;
        _ledger = ledger;
        _shieldedPatterns = [.. settings.ShieldedPaths.Select(p => new PathPattern(p))];
        _excludedPatterns = [.. settings.ExcludedPaths.Select(p => new PathPattern(p))];
        _excludedTypes = new ExcludedTypes(settings.ExcludedTypes);
        _self = Self;
        _watcher = new DeathWatcher((ExtendedActorSystem)Context.System, "shutdown-guardian-watch", OnTerminated);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan RescanPeriod => _settings.CancelInterval > MinRescanPeriod ? _settings.CancelInterval : MinRescanPeriod;

    private static long Now => Context.System.Scheduler.Now.UtcTicks;

    protected override void OnReceive(object message)
    {
        lock (_ledger.Lock)
        {
            switch (message)
            {
                case GuardianMessages.Terminations: TakeTerminations(); break;
                case GuardianMessages.Protect protect: OnProtect(protect); break;
                case GuardianMessages.Unshield unshield: OnUnshield(unshield.Actor); break;
                case GuardianMessages.Adopt adopt: Track(adopt.Actor, parent: null, isNew: true); break;
                case GuardianMessages.BeginCancelPhase begin:
                    _reason = begin.Reason;
                    _ledger.RunStart = begin.RunStart;
                    _cancelPhase = begin;
                    if (TripTokensInScope()) Timers.StartSingleTimer(TripsTimerKey, GuardianMessages.TokensTripped.Instance, _settings.CancelInterval);
                    else StartCancelLoops();
                    break;
                case GuardianMessages.TokensTripped:
                    Timers.Cancel(TripsTimerKey);
                    StartCancelLoops();
                    break;
                case GuardianMessages.BeginShieldPhase begin:
                    _shieldPhaseDone = begin.Done;
                    TakeScope(Now);
                    DrainShields();
                    break;
                case GuardianMessages.CancelPhaseTimedOut timedOut: EscalateEveryCohort(timedOut.At); break;
                case GuardianMessages.Tick: _timerDue = null; break;
                default: Unhandled(message); break;
            }
            RunDueSteps();
            CheckPhases();
            ArmTimer();
        }
    }

    private void OnProtect(GuardianMessages.Protect protect)
    {
        _registrations[protect.Actor] = protect.Shield;
        // After the scope was taken, an actor already in it has had its role (and, unprotected, its first attempt).
        if (_scopeTaken && _ledger.TryGet(protect.Actor, out var tracked) && tracked.Role is ActorRole.Unprotected or ActorRole.AncestorOfShielded)
            _log.Warning("{0} was protected after the shutdown took its scope: it is cancelled like any other actor", protect.Actor.Path);
    }

    private void OnUnshield(IActorRef actor)
    {
        if (!_scopeTaken)
        {
            _registrations.Remove(actor);
            return;
        }
        // Only the top of the subtree a shield covers can end it, as before the scope was taken.
        if (_ledger.TryGet(actor, out var tracked) && tracked.Shield is { Excluded: false } shield && !ReferenceEquals(tracked.Parent?.Shield, shield))
            EndShield(shield, Now);
    }

    // How many actors below a token's holder are searched for a protected one before the trip is left to the walk.
    private const int ProtectedSearchBound = 64;

    /// <summary>
    /// Trips, before the walk, the tokens that the walk's first attempts would trip: the walk of 100,000 actors takes
    /// most of a second, which an awaiting actor should not wait. An actor is left to the walk when it or an ancestor
    /// is protected, or a protected actor may be below it (its subtree is searched, within a bound): then it is not
    /// cancelled at once. The callbacks run on threads of <see cref="TokenTrips"/>, never on the guardian's.
    /// </summary>
    /// <returns>Whether tokens are being tripped: <see cref="GuardianMessages.TokensTripped"/> follows.</returns>
    private bool TripTokensInScope()
    {
        if (_scopeTaken) return false;
        var system = Context.System;
        var user = ((ExtendedActorSystem)system).Guardian;
        // The trip's threads judge protection themselves, so they read a copy of the registrations.
        var registered = _registrations.Count == 0 ? null : new HashSet<IActorRef>(_registrations.Keys);
        var self = _self;
        return TokenTrips.TripAll(
            LiveStates.Of(system),
            state => CancelledAtScope(state.Actor, user, registered) ? state.UntrippedSource() : null,
            e => _log.Warning("A callback of a cancelled token threw: {0}", e),
            () => self.Tell(GuardianMessages.TokensTripped.Instance));
    }

    /// <summary>
    /// Whether the scope's walk will cancel the actor at once: it is under <c>/user</c>, alive, and no actor above, at
    /// or (within a bound) below it is protected. Safe on any thread.
    /// </summary>
    private bool CancelledAtScope(IActorRef actor, IActorRef user, HashSet<IActorRef>? registered)
    {
        if (ActorTree.IsTerminated(actor)) return false;
        for (var a = actor; !ReferenceEquals(a, user); a = ActorTree.Parent(a))
        {
            if (a is null || IsProtected(a, registered)) return false;   // outside /user, or protected
        }
        if (!ActorTree.HasChildren(actor)) return true;
        var budget = ProtectedSearchBound;
        var below = new Stack<IActorRef>(ActorTree.Children(actor));
        while (below.TryPop(out var child))
        {
            if (--budget < 0 || IsProtected(child, registered)) return false;
            foreach (var grandchild in ActorTree.Children(child)) below.Push(grandchild);
        }
        return true;
    }

    /// <summary>Whether the actor has a protection of its own (<see cref="OwnShield"/>), from any thread.</summary>
    private bool IsProtected(IActorRef actor, HashSet<IActorRef>? registered) =>
        registered?.Contains(actor) == true || ConfiguredRole(actor) != ActorRole.Unprotected;

    /// <summary>
    /// The cancel phase's loops start once the tokens tripped ahead of the walk have been: the walk's own requests
    /// would otherwise race the trips and have the loser's callbacks queued behind the whole thread pool.
    /// </summary>
    private void StartCancelLoops()
    {
        if (_cancelPhase is not { } begin || _cancelPhaseDone is not null) return;
        _cancelPhaseDone = begin.Done;
        TakeScope(begin.At);
    }

    /// <summary>
    /// Takes every live actor under <c>/user</c> into scope, one top-level subtree at a time, parents before children.
    /// Protection only reaches within a subtree, so each subtree's roles are known once it is walked: its unprotected
    /// actors get attempt 1 then, and stop while the rest is walked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // once per shutdown over every actor: skip tier 0
    private void TakeScope(long t0)
    {
        if (_scopeTaken) return;
        _scopeTaken = true;
        _t0 = t0;
        FailureRecorder.Start((ExtendedActorSystem)Context.System, _ledger);
        var topLevel = ActorTree.Children(((ExtendedActorSystem)Context.System).Guardian).ToList();
        _ledger.EnsureCapacity(topLevel.Count);
        var cohort = OpenCohort(_t0, topLevel.Count, firstAttemptSent: true);
        _walking = true;
        var pending = new Stack<(IActorRef Actor, TrackedActor? Parent)>();
        var actors = _ledger.Actors;
        foreach (var top in topLevel)
        {
            var walked = actors.Count;
            pending.Push((top, null));
            while (pending.TryPop(out var next))
            {
                if (ActorTree.IsTerminated(next.Actor)) continue;   // gone before the scope was taken: not its business
                var tracked = Track(next.Actor, next.Parent, isNew: false);
                foreach (var child in ActorTree.Children(next.Actor)) pending.Push((child, tracked));
            }
            for (var i = walked; i < actors.Count; i++)
            {
                if (CancelsAtScope(actors[i])) Join(cohort, actors[i]);
            }
            // Children before parents: a parent stopping at its Cancel stops its children, and a child already
            // stopping takes no request, so parent-first the children's attempts would be counted or not by a race.
            for (var i = actors.Count - 1; i >= walked; i--)
            {
                if (ReferenceEquals(actors[i].Cohort, cohort)) SendAttempt(actors[i]);
            }
        }
        _walking = false;
        foreach (var shield in _shields)
        {
            if (shield is { Excluded: false, Bound: { } bound }) Schedule(new Step(StepKind.ShieldExpiry, null, shield), After(_t0, bound.Ticks));
        }
        Schedule(new Step(StepKind.Rescan, null, null), After(_t0, RescanPeriod.Ticks));
        // Counted only when logged: two passes over every actor in scope.
        if (_log.IsInfoEnabled)
            _log.Info("Shutdown guardian took {0} actor(s) in scope: {1} shielded, {2} excluded", actors.Count,
                actors.Count(t => t.Role == ActorRole.Shielded), actors.Count(t => t.Role == ActorRole.Excluded));
    }

    /// <summary>
    /// An actor in scope terminated; called on its thread. Terminations are queued and taken in batches: one message
    /// to the guardian for however many arrive before it gets to them.
    /// </summary>
    private void OnTerminated(IActorRef actor)
    {
        _terminated.Enqueue(actor);
        if (Interlocked.Exchange(ref _terminatedPosted, 1) == 0) _self.Tell(GuardianMessages.Terminations.Instance);
    }

    private void TakeTerminations()
    {
        // Cleared before taking: a termination queued from now on posts another message.
        Volatile.Write(ref _terminatedPosted, 0);
        var now = Now;
        while (_terminated.TryDequeue(out var actor)) Gone(actor, abandoned: false, now);
    }

    /// <summary>Takes in the actors created since the last walk; each is cancelled at once unless it is protected.</summary>
    private void Rescan(long due)
    {
        var pending = new Stack<(IActorRef Actor, TrackedActor? Parent)>();
        foreach (var top in ActorTree.Children(((ExtendedActorSystem)Context.System).Guardian)) pending.Push((top, null));
        while (pending.TryPop(out var next))
        {
            if (!_ledger.TryGet(next.Actor, out var tracked))
            {
                if (ActorTree.IsTerminated(next.Actor)) continue;
                tracked = Track(next.Actor, next.Parent, isNew: true);
            }
            foreach (var child in ActorTree.Children(next.Actor)) pending.Push((child, tracked));
        }
        if (_shieldPhaseDone is not { Task.IsCompleted: true }) Schedule(new Step(StepKind.Rescan, null, null), After(due, RescanPeriod.Ticks));
    }

    /// <summary>Whether the scope's cancel loop takes the actor: unprotected, or an ancestor whose shielded descendants are all gone.</summary>
    private static bool CancelsAtScope(TrackedActor tracked) =>
        tracked.Live && (tracked.Role == ActorRole.Unprotected || tracked is { Role: ActorRole.AncestorOfShielded, LiveShieldedDescendants: 0 });

    /// <summary>
    /// Takes an actor into scope: its role comes from its own registration, pattern or type, else from its parent's
    /// protection. Parents are always tracked before their children.
    /// </summary>
    private TrackedActor Track(IActorRef actor, TrackedActor? parent, bool isNew)
    {
        if (_ledger.TryGet(actor, out var known)) return known;
        var shield = OwnShield(actor) ?? parent?.Shield;
        var role = shield is null ? ActorRole.Unprotected : shield.Excluded ? ActorRole.Excluded : ActorRole.Shielded;
        var tracked = new TrackedActor(actor, parent, role, shield, ActorTree.IsRouter(actor));
        if (shield is not null)
        {
            if (shield.Members.Count == 0) _shields.Add(shield);
            shield.Members.Add(tracked);
        }
        _ledger.Add(tracked);
        if (role == ActorRole.Shielded)
        {
            tracked.HoldsShieldPhase = true;
            _holdingShieldPhase++;
            // Shielded after draining began: drained now (with its parent, if that is draining).
            if (_draining && !shield!.Ended) StartDrain(tracked);
        }
        if (role != ActorRole.Unprotected) HoldAncestors(tracked);
        if (role == ActorRole.Unprotected && !_cancelPhaseOver)
        {
            tracked.HoldsCancelPhase = true;
            _holdingCancelPhase++;
        }
        _watcher.Watch(actor);
        if (role == ActorRole.Unprotected && isNew) StartCancelLoop(tracked, Now);
        return tracked;
    }

    private Shield? OwnShield(IActorRef actor)
    {
        // Count first: most scopes have no registrations, and hashing a ref is not free.
        if (_registrations.Count > 0 && _registrations.TryGetValue(actor, out var registered)) return registered;
        return ConfiguredRole(actor) switch
        {
            ActorRole.Excluded => new Shield(excluded: true, null, null),
            ActorRole.Shielded => new Shield(excluded: false, _settings.ShieldTimeout, null),
            _ => null,
        };
    }

    /// <summary>The protection the configuration gives the actor itself (paths, types). Safe on any thread.</summary>
    private ActorRole ConfiguredRole(IActorRef actor) =>
        PathPattern.AnyMatches(_excludedPatterns, actor.Path) ? ActorRole.Excluded
        : PathPattern.AnyMatches(_shieldedPatterns, actor.Path) ? ActorRole.Shielded
        : _excludedTypes.Matches(ActorTree.ActorType(actor)) ? ActorRole.Excluded
        : ActorRole.Unprotected;

    /// <summary>
    /// Marks the ancestors of a protected actor so they are not cancelled while it lives: every ancestor outside its
    /// shield counts it; the ancestors of an excluded actor stop with the system, neither cancelled nor drained.
    /// </summary>
    private void HoldAncestors(TrackedActor protectedActor)
    {
        if (protectedActor.Role == ActorRole.Excluded)
        {
            for (var p = protectedActor.Parent; p is not null && p.Role is not (ActorRole.Excluded or ActorRole.AncestorOfExcluded); p = p.Parent)
            {
                ReleaseHolds(p);
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
            if (p.HoldsCancelPhase)
            {
                p.HoldsCancelPhase = false;
                _holdingCancelPhase--;
            }
            if (!p.HoldsShieldPhase)
            {
                p.HoldsShieldPhase = true;
                _holdingShieldPhase++;
            }
        }
    }

    private void ReleaseHolds(TrackedActor tracked)
    {
        if (tracked.HoldsCancelPhase) _holdingCancelPhase--;
        if (tracked.HoldsShieldPhase) _holdingShieldPhase--;
        tracked.HoldsCancelPhase = tracked.HoldsShieldPhase = false;
    }

    /// <summary>Starts the cancel loop of an actor held for its shielded descendants, once none is left and it is not protected itself.</summary>
    private void StartIfReleased(TrackedActor held, long at)
    {
        if (held.Live && held.LiveShieldedDescendants == 0
            && (held.Role == ActorRole.AncestorOfShielded || held is { Role: ActorRole.Shielded, Shield.Ended: true }))
            StartCancelLoop(held, at);
    }

    private void DrainShields()
    {
        if (_draining) return;
        _draining = true;
        var draining = _ledger.Actors.Where(t => t is { Role: ActorRole.Shielded, Live: true, Shield.Ended: false }).ToList();
        _log.Info("Shutdown guardian drains {0} shielded actor(s)", draining.Count);
        foreach (var tracked in draining) tracked.Drained = true;
        foreach (var tracked in draining) SendStopIfLeaf(tracked);
    }

    /// <summary>Starts draining an actor shielded after draining began.</summary>
    private void StartDrain(TrackedActor tracked)
    {
        tracked.Drained = true;
        SendStopIfLeaf(tracked);
    }

    /// <summary>
    /// Gives a draining actor its stop message once none of its children is still draining: leaves first, so that no
    /// parent's stop stops a child whose queue is not done (Akka stops the children of a stopping actor at once).
    /// </summary>
    private void SendStopIfLeaf(TrackedActor tracked)
    {
        if (!tracked.Live || !tracked.Drained || tracked.StopSent) return;
        foreach (var child in ActorTree.Children(tracked.Actor))
        {
            if (_ledger.TryGet(child, out var c) && c.Live && c.Drained) return;
        }
        tracked.StopSent = true;
        var ownsShield = !ReferenceEquals(tracked.Parent?.Shield, tracked.Shield);
        tracked.Actor.Tell(ownsShield ? tracked.Shield!.StopMessage ?? PoisonPill.Instance : PoisonPill.Instance, ActorRefs.NoSender);
    }

    private void EndShield(Shield shield, long at)
    {
        if (shield.Ended || shield.Excluded) return;
        shield.Ended = true;
        foreach (var member in shield.Members)
        {
            if (!member.Live || member.Role != ActorRole.Shielded) continue;
            member.Drained = false;
            _log.Info("The shield of {0} ended: it is cancelled like any other actor", member.Actor.Path);
            StartIfReleased(member, at);
        }
    }

    /// <summary>Puts an actor in a cancel loop starting at <paramref name="start"/>: the open cohort when that starts then and has not sent its attempt 1, else a new one.</summary>
    private void StartCancelLoop(TrackedActor tracked, long start)
    {
        if (tracked.Cohort is not null || !tracked.Live) return;
        var cohort = _openCohort is { NextAttempt: 1, Escalated: false } open && open.Start == start ? open : OpenCohort(start, 1, firstAttemptSent: false);
        Join(cohort, tracked);
    }

    private static void Join(CancelCohort cohort, TrackedActor tracked)
    {
        cohort.Members.Add(tracked);
        cohort.Live++;
        tracked.Cohort = cohort;
    }

    private CancelCohort OpenCohort(long start, int capacity, bool firstAttemptSent)
    {
        var cohort = _openCohort = new CancelCohort(start, capacity);
        _cohorts.Add(cohort);
        if (!firstAttemptSent) Schedule(new Step(StepKind.Attempt, cohort, null), start);
        else ScheduleAfterAttempt(cohort, cohort.NextAttempt++);
        return cohort;
    }

    private void Schedule(Step step, long due)
    {
        if (due != Never) _schedule.Enqueue(step, due);
    }

    /// <summary><paramref name="count"/> times <paramref name="ticks"/> after <paramref name="from"/>, saturating at <see cref="Never"/>.</summary>
    private static long After(long from, long ticks, int count = 1) =>
        ticks > (Never - from) / Math.Max(count, 1) ? Never : from + ticks * count;

    private void RunDueSteps()
    {
        var now = Now;
        while (_schedule.TryPeek(out var step, out var due) && due <= now)
        {
            _schedule.Dequeue();
            switch (step.Kind)
            {
                case StepKind.ShieldExpiry: EndShield(step.Shield!, due); break;
                case StepKind.Rescan: Rescan(due); break;
                default:
                    if (step.Cohort!.Live > 0 && !(step.Cohort.Escalated && step.Kind != StepKind.Abandon)) RunCohortStep(step.Cohort, step.Kind, due);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCohortStep(CancelCohort cohort, StepKind kind, long due)
    {
        switch (kind)
        {
            case StepKind.Attempt:
                var attempt = cohort.NextAttempt++;
                for (var i = cohort.Members.Count - 1; i >= 0; i--)   // children before parents, as in TakeScope
                {
                    if (StillAlive(cohort.Members[i], due)) SendAttempt(cohort.Members[i]);
                }
                ScheduleAfterAttempt(cohort, attempt);
                break;
            case StepKind.Escalate:
                cohort.Escalated = true;
                var escalated = new List<TrackedActor>();
                foreach (var tracked in cohort.Members)
                {
                    // Already stopping on its own (waiting for its children, say): nothing to escalate.
                    if (!StillAlive(tracked, due) || ActorTree.IsStopping(tracked.Actor)) continue;
                    tracked.Escalated = true;
                    escalated.Add(tracked);
                    if (_settings.Escalation == Escalation.Kill) tracked.Actor.Tell(Kill.Instance, ActorRefs.NoSender);
                    else ActorTree.Stop(tracked.Actor);
                }
                if (escalated.Count > 0)
                {
                    ShutdownTelemetry.Escalations.Add(escalated.Count);
                    _log.Warning("{0} actor(s) resisted every cancel request; escalating with {1}: {2}", escalated.Count, _settings.Escalation, Some(escalated));
                }
                Schedule(new Step(StepKind.Abandon, cohort, null), After(due, _settings.EscalationTimeout.Ticks));
                break;
            case StepKind.Abandon:
                var abandoned = cohort.Members.Where(t => StillAlive(t, due)).ToList();
                foreach (var tracked in abandoned) Gone(tracked.Actor, abandoned: true, due);
                if (abandoned.Count > 0)
                {
                    ShutdownTelemetry.Abandoned.Add(abandoned.Count);
                    _log.Warning("{0} actor(s) did not stop within {1} of their escalation: abandoned, no longer waited for: {2}",
                        abandoned.Count, _settings.EscalationTimeout, Some(abandoned));
                }
                break;
        }
    }

    /// <summary>The paths of a few of <paramref name="actors"/>, for a log line that stays one line however many there are.</summary>
    private static string Some(List<TrackedActor> actors) =>
        string.Join(", ", actors.Take(5).Select(t => t.Actor.Path.ToStringWithoutAddress())) + (actors.Count > 5 ? $" and {actors.Count - 5} more" : "");

    /// <summary>The cancel phase timed out: every actor still in a loop is escalated and abandoned <c>escalation-timeout</c> later.</summary>
    private void EscalateEveryCohort(long at)
    {
        foreach (var cohort in _cohorts)
        {
            if (cohort.Live > 0 && !cohort.Escalated) RunCohortStep(cohort, StepKind.Escalate, at);
        }
    }

    /// <summary>Sends the actor its next cancel request; a router's routees are cancelled instead, and it stops when they have.</summary>
    private void SendAttempt(TrackedActor tracked)
    {
        if (ActorTree.IsStopping(tracked.Actor)) return;   // stopping already: it takes no request, and is watched
        if (tracked.IsRouter)
        {
            // A pool router stops by itself when its last routee has; a group router (or an empty pool) is stopped.
            if (!ActorTree.Children(tracked.Actor).Any()) ActorTree.Stop(tracked.Actor);
            return;
        }
        tracked.Attempts = ActorCancellation.Request(tracked.Actor, _reason);
        _ledger.CancelRequestsSent++;
        ShutdownTelemetry.CancelRequests.Add(1);
    }

    private void ScheduleAfterAttempt(CancelCohort cohort, int attempt)
    {
        var interval = _settings.CancelInterval.Ticks;
        if (attempt < _settings.MaxCancelAttempts) Schedule(new Step(StepKind.Attempt, cohort, null), After(cohort.Start, interval, attempt));
        else Schedule(new Step(StepKind.Escalate, cohort, null), After(cohort.Start, interval, _settings.MaxCancelAttempts));
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
        var delay = TimeSpan.FromTicks(Math.Clamp(due - Now, 0, MaxTimerDelay.Ticks));
        Timers.StartSingleTimer(TimerKey, GuardianMessages.Tick.Instance, delay);
    }

    /// <summary>
    /// Whether the actor is alive as far as a step can tell: one that terminated while its notice is still queued
    /// behind this step (a large shutdown keeps the guardian busy) is taken as gone now, so that no step sends it an
    /// attempt, escalates or abandons it.
    /// </summary>
    private bool StillAlive(TrackedActor tracked, long at)
    {
        if (!tracked.Live) return false;
        if (!ActorTree.IsTerminated(tracked.Actor)) return true;
        Gone(tracked.Actor, abandoned: false, at);
        return false;
    }

    /// <summary>An actor in scope terminated (or was given up): it no longer holds anything.</summary>
    private void Gone(IActorRef actor, bool abandoned, long at)
    {
        if (!_ledger.TryGet(actor, out var tracked) || !tracked.Live) return;
        if (abandoned) tracked.AbandonedAt = at;
        else tracked.StoppedAt = at;
        _ledger.Live--;
        if (tracked.Cohort is { } cohort) cohort.Live--;
        ReleaseHolds(tracked);
        if (tracked.CountedByAncestors)
        {
            for (var p = tracked.Parent; p is not null; p = p.Parent)
            {
                if (ReferenceEquals(p.Shield, tracked.Shield)) continue;
                p.LiveShieldedDescendants--;
                if (!_walking) StartIfReleased(p, at);
            }
        }
        if (tracked.Parent is { Drained: true } parent) SendStopIfLeaf(parent);
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

    private enum StepKind { Attempt, Escalate, Abandon, ShieldExpiry, Rescan }

    private readonly record struct Step(StepKind Kind, CancelCohort? Cohort, Shield? Shield);
}
