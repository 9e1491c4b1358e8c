using System.Globalization;
using System.Text;

namespace ActorShutdown.App.Service;

/// <summary>
/// Appends every completed job to a file, one line each: <c>run-id TAB job-N TAB worker TAB took-ms</c>. It
/// flushes every interval and, when it stops, everything. The App shields it (<c>shielded-paths</c>), so at
/// shutdown it is never cancelled: it gets a <see cref="PoisonPill"/> once the workers are gone, writes what
/// is queued, and flushes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's lifetime ends in PostStop, which disposes the writer.")]
internal sealed class Ledger : ReceiveActor, IWithTimers
{
    private readonly string _path;
    private readonly TimeSpan _flushInterval;
    private readonly Action<string> _say;
    private StreamWriter? _writer;
    private int _written;

    public Ledger(string path, string runId, TimeSpan flushInterval, Action<string> say)
    {
        _path = path;
        _flushInterval = flushInterval;
        _say = say;
        Receive<JobCompleted>(completed =>
        {
            _writer!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{runId}\t{completed.Job.Name}\t{completed.Worker}\t{completed.Took.TotalMilliseconds:0}"));
            _written++;
        });
        Receive<FlushTick>(_ => _writer!.Flush());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        _writer = new StreamWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _flushInterval);
    }

    protected override void PostStop()
    {
        if (_writer is null) return;
        _writer.Flush();
        ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
        _writer.Dispose();
        _say($"  ledger: {_written} completed job(s) appended to {_path}, all flushed");
    }
}
