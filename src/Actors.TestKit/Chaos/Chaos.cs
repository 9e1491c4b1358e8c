namespace ActorShutdown.TestKit;

/// <summary>
/// Stock misbehaving actors to put in your own shutdown tests. Each reports <see cref="ChaosEvent"/>s to an
/// optional observer. Durations are measured on the system's <see cref="TimeProvider"/>, so they follow
/// <see cref="ManualTime"/>.
/// </summary>
public static class Chaos
{
    /// <summary>Handles every <see cref="Cancel"/> and carries on: only escalation (or abandonment) ends it.</summary>
    public static Props IgnoresCancel(IActorRef? observer = null) => Props.Create(() => new Swallower(observer, int.MaxValue));

    /// <summary>Swallows the first <paramref name="count"/> cancel requests, then stops on the next.</summary>
    public static Props SwallowsCancels(int count, IActorRef? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Props.Create(() => new Swallower(observer, count));
    }

    /// <summary>
    /// On the first <see cref="Cancel"/> runs a cleanup of <paramref name="duration"/>, then stops. With
    /// <paramref name="interruptible"/> the cleanup awaits the (fresh) token, so the next request cuts it short.
    /// </summary>
    public static Props SlowCleanup(TimeSpan duration, bool interruptible = true, IActorRef? observer = null) =>
        Props.Create(() => new SlowCleaner(observer, duration, interruptible));

    /// <summary>Stops when cancelled, and its <c>PostStop</c> throws <see cref="InvalidOperationException"/>.</summary>
    public static Props ThrowsInCleanup(IActorRef? observer = null) => Props.Create(() => new Thrower(observer));

    /// <summary>
    /// Blocks its thread on the first message it receives until <paramref name="release"/> is set — deaf to every
    /// cancel request meanwhile. Set the event at the end of the test.
    /// </summary>
    public static Props BlocksThread(ManualResetEventSlim release, IActorRef? observer = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        return Props.Create(() => new Blocker(observer, release));
    }

    /// <summary>When cancelled, creates <paramref name="children"/> children (plain actors) and then stops.</summary>
    public static Props SpawnsChildrenWhileStopping(int children, IActorRef? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(children);
        return Props.Create(() => new Spawner(observer, children));
    }

    /// <summary>
    /// Works (ignoring cancellation) until exactly <paramref name="after"/> past its start, then stops: an
    /// actor that finishes right at a deadline. Cancel requests are handled and swallowed meanwhile.
    /// </summary>
    public static Props FinishesAt(TimeSpan after, IActorRef? observer = null) => Props.Create(() => new Finisher(observer, after));

    private sealed class Swallower : ChaosActor
    {
        public Swallower(IActorRef? observer, int swallow) : base(observer) =>
            Receive<Cancel>(c =>
            {
                Report("cancel", c.Attempt);
                if (c.Attempt > swallow) Context.Stop(Self);
            });
    }

    private sealed class SlowCleaner : ChaosActor
    {
        public SlowCleaner(IActorRef? observer, TimeSpan duration, bool interruptible) : base(observer) =>
            ReceiveAsync<Cancel>(async c =>
            {
                Report("cancel", c.Attempt);
                Report("cleanup-start", c.Attempt);
                await Task.Delay(duration, Context.System.Time, interruptible ? Context.CancellationToken : CancellationToken.None);
                Report("cleanup-done", c.Attempt);
                Context.Stop(Self);
            });
    }

    private sealed class Thrower : ChaosActor
    {
        public Thrower(IActorRef? observer) : base(observer) =>
            Receive<Cancel>(c =>
            {
                Report("cancel", c.Attempt);
                Context.Stop(Self);
            });

        protected override void PostStop()
        {
            base.PostStop();
            throw new InvalidOperationException($"{Self.Path} failed in its cleanup");
        }
    }

    private sealed class Blocker : ChaosActor
    {
        public Blocker(IActorRef? observer, ManualResetEventSlim release) : base(observer)
        {
            ReceiveAny(_ =>
            {
                Report("blocked");
                release.Wait();
                Report("released");
            });
            Receive<Cancel>(c => Report("cancel", c.Attempt));
        }
    }

    private sealed class Spawner : ChaosActor
    {
        public Spawner(IActorRef? observer, int children) : base(observer) =>
            Receive<Cancel>(c =>
            {
                Report("cancel", c.Attempt);
                for (var i = 0; i < children; i++) Context.ActorOf(Props.Create(() => new Idle(observer)), $"spawned-{c.Attempt}-{i}");
                Report("spawned", c.Attempt);
                Context.Stop(Self);
            });
    }

    private sealed class Idle(IActorRef? observer) : ChaosActor(observer);

    private sealed class Finisher : ChaosActor
    {
        public Finisher(IActorRef? observer, TimeSpan after) : base(observer)
        {
            Receive<Cancel>(c => Report("cancel", c.Attempt));
            Receive<Finished>(_ =>
            {
                Report("finished");
                Context.Stop(Self);
            });
            var self = Self;
            _ = Task.Delay(after, Context.System.Time).ContinueWith(_ => self.Tell(Finished.Instance, self), TaskScheduler.Default);
        }

        private sealed class Finished
        {
            public static readonly Finished Instance = new();
        }
    }
}
