using ActorShutdown.Coordination;

namespace ActorShutdown.LeaseHolder;

/// <summary>Acquires the lease (retrying every poll interval), then works through its items one by one.</summary>
internal sealed class Worker : ReceiveActor, IWithTimers
{
    private readonly EventLog _log;
    private bool _waitingLogged;

    public Worker(Lease lease, EventLog log, int items, TimeSpan itemTime, TimeSpan poll)
    {
        _log = log;
        ReceiveAsync<TryAcquire>(async _ =>
        {
            var self = Self;
            if (await lease.Acquire(reason => self.Tell(new LeaseLost(lease, reason))).ConfigureAwait(true))
            {
                _log.Write("ACQUIRED", lease.Settings.OwnerName);
                for (var i = 0; i < items; i++) Self.Tell(new Work(i));
                return;
            }
            if (!_waitingLogged) _log.Write("WAITING", lease.Settings.OwnerName);
            _waitingLogged = true;
            Timers.StartSingleTimer("acquire", TryAcquire.Instance, poll);
        });
        ReceiveAsync<Work>(async work =>
        {
            _log.Write("WORK-START", work.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(itemTime, Context.CancellationToken).ConfigureAwait(true);
            _log.Write("WORK-END", work.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        Receive<LeaseLost>(lost => _log.Write("LOST", lost.Reason?.Message ?? "-"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Self.Tell(TryAcquire.Instance);

    protected override void PostStop() => _log.Write("STOPPED", "");

    private sealed class TryAcquire
    {
        public static readonly TryAcquire Instance = new();
    }

    private sealed record Work(int Index);
}
