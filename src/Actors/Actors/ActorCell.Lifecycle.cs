namespace ActorShutdown;

/// <summary>Creation, failure and supervision, restart, and the stop sequence (children first, then PostStop, then watchers).</summary>
internal sealed partial class ActorCell
{
    private volatile bool _stopRequested;   // any thread
    private volatile bool _draining;        // any thread: set by Drain, read when the stop begins
    private int _failed;                     // 1 while suspended, waiting for the supervisor's directive
    private int _notified;                   // any thread: termination notices sent (once, by stop or abandonment)

    /// <summary>Restart accounting, touched only by the parent's supervisor strategy.</summary>
    internal RestartStatistics? RestartStats
    {
        get => _rare?.RestartStats;
        set => Rare.RestartStats = value;
    }

    /// <summary>The first exception thrown while the actor cleaned up (a Cancel handler) or stopped (PostStop).</summary>
    internal Exception? StopFailure => _rare?.StopFailure;

    /// <summary>True once a stop was requested or is under way (any thread).</summary>
    internal bool IsStopping => _stopRequested || _state >= Terminating || _detached != 0;

    void IActorContext.Stop(IActorRef actor) => ActorSystem.Resolve(actor).Stop();

    /// <summary>
    /// Stops the actor after all its queued work, and its children after theirs (a shielded subtree's drain):
    /// a <see cref="PoisonPill"/> that, when it stops the actor, drains the children instead of stopping them.
    /// </summary>
    internal void Drain()
    {
        _draining = true;
        Tell(PoisonPill.Instance, null);
    }

    /// <summary>Requests a stop from any thread.</summary>
    public void Stop()
    {
        _stopRequested = true;
        TripToken();
        EnqueueSystem(new Terminate());
    }

    private void OnCreate()
    {
        _state = Running;
        try
        {
            _actor = NewInstance();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            // An actor that never started is never stopped: no PostStop for an instance whose PreStart threw (Akka's rule).
            _actor = null;
            Fail(new ActorInitializationException($"{Path}: creating the actor failed: {ex.Message}", ex), null);
        }
    }

    private ActorBase NewInstance()
    {
        var previous = Constructing;
        Constructing = this;
        ActorBase actor;
        try
        {
            actor = _props.Factory();
        }
        finally
        {
            Constructing = previous;
        }
        if (actor is null || !ReferenceEquals(actor.Cell, this))
            throw new InvalidOperationException($"The factory in {_props} must create a new actor instance each time it is called.");
        if (actor is IWithTimers withTimers) withTimers.Timers = Timers;
        return actor;
    }

    /// <summary>Suspends the actor and asks the parent what to do.</summary>
    private void Fail(Exception cause, object? message)
    {
        if (_state >= Terminating || _parent is null)
        {
            RecordStopFailure(cause);
            KernelLog.FailedWhileStopping(System.Log, Path, cause);
            if (_parent is null) Stop();
            return;
        }
        _failed = 1;
        Rare.FailedMessage = message;
        _parent.EnqueueSystem(new Failed(this, cause));
    }

    private void OnChildFailed(ActorCell child, Exception cause)
    {
        if (!IsLiveChild(child)) return;
        var strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        Directive directive;
        try
        {
            directive = strategy.Decide(child, cause, System.Time.GetUtcNow());
        }
        catch (Exception ex)
        {
            KernelLog.DeciderFailed(System.Log, Path, ex);
            directive = Directive.Stop;
        }
        KernelLog.ChildFailed(System.Log, child.Path, directive, cause);
        switch (directive)
        {
            case Directive.Resume: child.EnqueueSystem(new Resume()); break;
            case Directive.Restart: child.EnqueueSystem(new Recreate(cause)); break;
            case Directive.Stop: child.Stop(); break;
            case Directive.Escalate: Fail(cause, null); break;
        }
    }

    private void OnResume()
    {
        _failed = 0;
        _rare?.FailedMessage = null;
        // Creation failed, so there is no instance to resume: create one (as Akka turns such a Resume into a Create).
        if (_actor is null) OnCreate();
    }

    private void OnRecreate(Exception cause)
    {
        _rare?.Timers?.CancelAll();
        try
        {
            _actor?.InvokePreRestart(cause, _rare?.FailedMessage);
        }
        catch (Exception ex)
        {
            KernelLog.HookFailed(System.Log, Path, "PreRestart", ex);
        }
        Rare.PendingRecreate = cause;
        TryFinishRecreate();
    }

    /// <summary>A restart completes once the children PreRestart stopped have terminated.</summary>
    private void TryFinishRecreate()
    {
        if (_rare?.PendingRecreate is not { } cause || HasStoppingChildren()) return;
        _rare.PendingRecreate = null;
        _rare.FailedMessage = null;
        _failed = 0;
        try
        {
            _actor = NewInstance();
            _actor.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            Fail(new ActorInitializationException($"{Path}: restarting the actor failed: {ex.Message}", ex), null);
        }
    }

    private void OnTerminate()
    {
        if (_state >= Terminating) return;
        _state = Terminating;
        _stopRequested = true;
        TripToken();
        Volatile.Write(ref _pendingCancel, null);
        _rare?.Timers?.CancelAll();
        if (_draining) DrainChildren();
        else StopChildren();
        TryFinishTerminate();
    }

    /// <summary>Finishes the stop once every child has terminated and no async handler is still running.</summary>
    private void TryFinishTerminate()
    {
        if (_state != Terminating || _asyncTask is not null || !TryCloseChildren()) return;
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                RecordStopFailure(ex);
                KernelLog.HookFailed(System.Log, Path, "PostStop", ex);
            }
        }
        _actor = null;
        _state = Terminated;
        NotifyTerminated();
        UnwatchAll();
        if (_parent is null) System.OnRootTerminated();
    }

    /// <summary>Tells the parent and the watchers, once, that this actor is gone (stopped or abandoned).</summary>
    private void NotifyTerminated()
    {
        if (Interlocked.Exchange(ref _notified, 1) != 0) return;
        // Watchers before the parent: the parent's termination (and, up the chain, the system's) can only follow
        // this notice, so once the system has terminated every watcher has been told, with nothing still in flight.
        NotifyWatchers();
        _parent?.EnqueueSystem(new DeathWatchNotification(this, existenceConfirmed: true));
    }

    private void RecordStopFailure(Exception exception) => Rare.StopFailure ??= exception;
}
