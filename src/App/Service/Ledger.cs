using System.Globalization;
using System.Text;
using Akka.Actor;

namespace ActorShutdown.App.Service;

/// <summary>
/// Appends every completed job to a file, one line each: <c>run-id TAB job-N TAB worker TAB took-ms</c>. It flushes
/// every interval and, when it stops, everything. The App shields it (<c>shielded-paths</c>): at shutdown it is never
/// cancelled, gets a <see cref="PoisonPill"/> once the workers are gone, writes what is queued, and flushes.
/// A write or flush that fails is not the ledger's to hide: <see cref="LedgerStatus"/> fails, and with it the App's
/// shutdown task that waits for the ledger, so the report is not clean.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's lifetime ends in PostStop, which disposes the writer.")]
internal sealed class Ledger : ReceiveActor, IWithTimers
{
    private readonly string _path;
    private readonly TimeSpan _flushInterval;
    private readonly LedgerStatus _status;
    private readonly Action<string> _say;
    private StreamWriter? _writer;
    private int _written;

    public Ledger(string path, string runId, TimeSpan flushInterval, LedgerStatus status, Action<string> say)
    {
        _path = path;
        _flushInterval = flushInterval;
        _status = status;
        _say = say;
        Receive<JobCompleted>(completed => Guard(() =>
        {
            _writer!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{runId}\t{completed.Job.Name}\t{completed.Worker}\t{completed.Took.TotalMilliseconds:0}"));
            _written++;
        }));
        Receive<FlushTick>(_ => Guard(() => _writer!.Flush()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Guard(() => _writer = new StreamWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)));
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _flushInterval);
    }

    protected override void PostStop()
    {
        Guard(() =>
        {
            if (_writer is null) return;
            _writer.Flush();
            ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
        });
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // Already recorded by the flush above.
        }
        if (_status.Failure is { } failure) _say($"  ledger: FAILED after {_written} job(s): {failure.Message}");
        else _say($"  ledger: {_written} completed job(s) appended to {_path}, all flushed");
        _status.Closed();
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _status.Failed(e);
        }
    }
}

/// <summary>Whether the ledger wrote and flushed everything: completes when it has stopped, failed if any write failed.</summary>
internal sealed class LedgerStatus
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;

    public Exception? Failure => Volatile.Read(ref _failure);

    public Task Completion => _closed.Task;

    public void Failed(Exception failure) => Interlocked.CompareExchange(ref _failure, failure, null);

    public void Closed()
    {
        if (Failure is { } failure) _closed.TrySetException(new IOException($"The ledger could not write every completed job: {failure.Message}", failure));
        else _closed.TrySetResult();
    }
}
