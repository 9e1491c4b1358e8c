using ActorShutdown.App.Configuration;
using Akka.Actor;
namespace ActorShutdown.App.Service;

/// <summary>Makes a job every interval, of random length, and hands it to the next worker in turn.</summary>
internal sealed class Producer : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _interval;
    private int _next;

    public Producer(IReadOnlyList<IActorRef> workers, JobBook book, AppSettings settings, int offset)
    {
        _interval = settings.ProduceInterval;
        _next = offset;
        var spread = (settings.JobDurationMax - settings.JobDurationMin).TotalMilliseconds;
        Receive<Produce>(_ =>
        {
            var duration = settings.JobDurationMin + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * spread);
            workers[_next++ % workers.Count].Tell(new Job(book.NextId(), duration), Self);
        });
        Receive<StopProducing>(_ =>
        {
            Timers.CancelAll();
            Sender.Tell(Akka.Done.Instance, Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("produce", Produce.Instance, _interval);
}
