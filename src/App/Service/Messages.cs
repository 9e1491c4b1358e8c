using Akka.Actor;
namespace ActorShutdown.App.Service;

/// <summary>A unit of work: it takes <see cref="Duration"/>.</summary>
internal sealed record Job(long Id, TimeSpan Duration)
{
    public string Name => $"job-{Id}";
}

/// <summary>A worker finished a job (to the ledger and the metrics).</summary>
internal sealed record JobCompleted(Job Job, string Worker, TimeSpan Took);

/// <summary>A worker was cancelled in the middle of a job (to the metrics).</summary>
internal sealed record JobCancelled(Job Job, string Worker, int Attempt);

/// <summary>To a producer: make no more jobs; it replies <see cref="Akka.Done"/>.</summary>
internal sealed class StopProducing
{
    public static readonly StopProducing Instance = new();
}

/// <summary>A producer's timer: make a job.</summary>
internal sealed class Produce
{
    public static readonly Produce Instance = new();
}

/// <summary>To the metrics actor: write the final report; it replies <see cref="Akka.Done"/>.</summary>
internal sealed class FinalReport
{
    public static readonly FinalReport Instance = new();
}

/// <summary>The ledger's timer: flush the file.</summary>
internal sealed class FlushTick
{
    public static readonly FlushTick Instance = new();
}

/// <summary>The metrics actor's timer: report.</summary>
internal sealed class ReportTick
{
    public static readonly ReportTick Instance = new();
}
