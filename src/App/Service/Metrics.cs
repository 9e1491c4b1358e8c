using Akka.Actor;
using System.Globalization;

namespace ActorShutdown.App.Service;

/// <summary>
/// Counts completed and interrupted jobs and reports every interval. The App excludes it
/// (<c>excluded-paths</c>): it is neither cancelled nor drained, so it keeps reporting through the shutdown and
/// gives the final numbers in the last phase but one.
/// </summary>
internal sealed class Metrics : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _interval;
    private readonly Action<string> _report;
    private readonly long _start;
    private int _completed;
    private int _cancelled;
    private (int, int) _reported = (-1, -1);

    public Metrics(TimeSpan interval, Action<string> report)
    {
        _interval = interval;
        _report = report;
        _start = System.Diagnostics.Stopwatch.GetTimestamp();
        Receive<JobCompleted>(_ => _completed++);
        Receive<JobCancelled>(_ => _cancelled++);
        Receive<ReportTick>(_ =>
        {
            if (_reported == (_completed, _cancelled)) return;   // nothing new: say nothing
            _reported = (_completed, _cancelled);
            _report(Line("metrics"));
        });
        Receive<FinalReport>(_ =>
        {
            _report(Line("metrics (final)"));
            Sender.Tell(Akka.Done.Instance, Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("report", ReportTick.Instance, _interval);

    private string Line(string title) => string.Create(CultureInfo.InvariantCulture,
        $"  {title}: {_completed} job(s) completed, {_cancelled} interrupted by cancellation (after {System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds:0.0}s)");
}
