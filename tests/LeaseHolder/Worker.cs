using System.Globalization;
using Akka.Actor;
using Akka.Coordination;

namespace ActorShutdown.LeaseHolder;

/// <summary>
/// Acquires the lease (retrying every poll interval), then works through its items one at a time, keeping a few
/// queued ahead — so that whenever it is stopped, it has queued work to drain.
/// </summary>
internal sealed class Worker : ReceiveActor, IWithTimers
{
    private readonly EventLog _log;
    private bool _waitingLogged;
    private int _told;

    /// <param name="lease">The lease to hold.</param>
    /// <param name="log">Where events go.</param>
    /// <param name="items">How many items to work through; negative for no end.</param>
    /// <param name="queued">How many items to keep queued ahead.</param>
    /// <param name="itemTime">How long one item takes.</param>
    /// <param name="poll">How long to wait between attempts to acquire.</param>
    public Worker(Lease lease, EventLog log, int items, int queued, TimeSpan itemTime, TimeSpan poll)
    {
        _log = log;
        ReceiveAsync<TryAcquire>(async _ =>
        {
            var self = Self;
            bool acquired;
            try
            {
                acquired = await lease.Acquire(reason => self.Tell(new Lost(reason))).ConfigureAwait(true);
            }
            catch (LeaseException e)
            {
                // The store failed or was slow: try again, as when the lease is taken.
                _log.Write("ACQUIRE-FAILED", e.Message);
                acquired = false;
            }
            if (acquired)
            {
                _log.Write("ACQUIRED", lease.Settings.OwnerName);
                for (var i = 0; i < queued; i++) TellNext(items);
                return;
            }
            if (!_waitingLogged) _log.Write("WAITING", lease.Settings.OwnerName);
            _waitingLogged = true;
            Timers.StartSingleTimer("acquire", TryAcquire.Instance, poll);
        });
        ReceiveAsync<Work>(async work =>
        {
            _log.Write("WORK-START", work.Index.ToString(CultureInfo.InvariantCulture));
            await Task.Delay(itemTime).ConfigureAwait(true);
            _log.Write("WORK-END", work.Index.ToString(CultureInfo.InvariantCulture));
            TellNext(items);
        });
        Receive<Lost>(lost => _log.Write("LOST", lost.Reason.Message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Self.Tell(TryAcquire.Instance);

    protected override void PostStop() => _log.Write("STOPPED", "");

    private void TellNext(int items)
    {
        if (items >= 0 && _told >= items) return;
        Self.Tell(new Work(_told++));
    }

    private sealed class TryAcquire
    {
        public static readonly TryAcquire Instance = new();
    }

    private sealed record Work(int Index);

    private sealed record Lost(Exception Reason);
}
