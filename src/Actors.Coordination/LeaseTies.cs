using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Coordination;

/// <summary>
/// The leases tied to actors of one system (<see cref="LeaseShutdownExtensions.ReleaseOnStop"/>): each is released
/// when its actor terminates, and recorded in the shutdown report when the actor stopped during a run. A task of
/// the last shutdown phase waits for the releases, so that they end before the report is made and the process exits.
/// </summary>
internal sealed class LeaseTies
{
    /// <summary>The name of the task that waits for the releases in the last phase.</summary>
    public const string TaskName = "release-leases";

    private static readonly ConditionalWeakTable<ActorSystem, LeaseTies> BySystem = [];

    private readonly ActorSystem _system;
    private readonly CoordinatedShutdown _shutdown;
    private readonly ILogger _log;
    private readonly bool _lastPhaseTerminates;
    private readonly List<Tie> _ties = [];   // not yet released; guarded by itself

    private LeaseTies(ActorSystem system)
    {
        _system = system;
        _shutdown = system.CoordinatedShutdown;
        _log = system.LoggerFactory.CreateLogger("ActorShutdown.Coordination");
        // When the last phase terminates the system, every tied actor stops in it at the latest and the task
        // waits for all the releases; otherwise it waits only for those under way (their actor has stopped).
        _lastPhaseTerminates = system.Config.GetBoolean("actors.coordinated-shutdown.terminate-actor-system");
        var phases = _shutdown.OrderedPhases;
        var phase = phases.Contains(CoordinatedShutdown.PhaseActorSystemTerminate) ? CoordinatedShutdown.PhaseActorSystemTerminate : phases[^1];
        // Once the run has started the task could not run any more (a warning would say so); releases still happen.
        if (_shutdown.Reason is null) _shutdown.AddTask(phase, TaskName, AwaitReleases);
    }

    public static LeaseTies For(ActorSystem system) => BySystem.GetValue(system, static s => new LeaseTies(s));

    public LeaseTie Add(IActorRef actor, Lease lease)
    {
        var tie = new Tie();
        lock (_ties) _ties.Add(tie);
        tie.Done = ReleaseWhenStopped(tie, actor, lease);
        return new LeaseTie(actor, lease, tie.Done);
    }

    private async Task<LeaseRelease> ReleaseWhenStopped(Tie tie, IActorRef actor, Lease lease)
    {
        try
        {
            using (lease.ObserveLoss(reason => actor.Tell(new LeaseLost(lease, reason), ActorRefs.NoSender)))
            {
                await actor.WatchAsync().ConfigureAwait(false);
            }
            tie.Releasing = true;
            var duringRun = _shutdown.StartTimestamp is not null;
            var path = actor.Path.ToString();
            var released = false;
            Exception? failure = null;
            try
            {
                released = await lease.Release().ConfigureAwait(false);
                CoordinationLog.ReleasedOnStop(_log, lease.Settings.LeaseName, lease.Settings.OwnerName, path, released);
            }
#pragma warning disable CA1031 // A failed release is recorded and logged, never thrown: the lease expires by itself.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
                CoordinationLog.ReleaseOnStopFailed(_log, e, lease.Settings.LeaseName, lease.Settings.OwnerName, path);
            }
            var releasedAfter = _shutdown.StartTimestamp is { } start ? _system.Time.GetElapsedTime(start) : TimeSpan.Zero;
            var record = new LeaseRelease(lease.Settings.LeaseName, lease.Settings.OwnerName, path, releasedAfter, released, failure);
            if (duringRun) _shutdown.RecordLeaseRelease(record);
            return record;
        }
        finally
        {
            lock (_ties) _ties.Remove(tie);
        }
    }

    /// <summary>The last phase's task: waits for the releases (all of them, or those under way; see the constructor).</summary>
    private async Task AwaitReleases(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] waitFor;
            lock (_ties) waitFor = [.. _ties.Where(t => t.Done is not null && (_lastPhaseTerminates || t.Releasing)).Select(t => t.Done!)];
            if (waitFor.Length == 0) return;
            await Task.WhenAll(waitFor).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Tie
    {
        public Task<LeaseRelease>? Done { get; set; }

        private volatile bool _releasing;

        public bool Releasing
        {
            get => _releasing;
            set => _releasing = value;
        }
    }
}
