using Akka.Actor;
using System.Collections.Concurrent;
using System.Globalization;
using Akka.Event;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// Where the test actors report what they do, stamped with the system's (virtual) clock, and the refs of the actors
/// they create. Not an actor: a probe under <c>/system</c> can be stopped with the last reports still in its mailbox
/// when the shutdown terminates the system, and a journal cannot lose one. It also takes the system's log lines
/// (<see cref="Listen"/>), so a failing scenario shows what the guardian said and did, in order.
/// </summary>
public sealed class Journal(TimeProvider time)
{
    private readonly ConcurrentQueue<Seen> _seen = new();
    private readonly ConcurrentDictionary<string, IActorRef> _actors = new();
    private bool _scopeTaken;

    /// <summary>Everything reported so far, in the order it was told.</summary>
    public IReadOnlyList<Seen> Seen => [.. _seen];

    /// <summary>Whether the guardian has logged that it took its scope (the journal must <see cref="Listen"/>).</summary>
    public bool ScopeTaken => Volatile.Read(ref _scopeTaken);

    /// <summary>The actors registered, by path.</summary>
    public IReadOnlyDictionary<string, IActorRef> Actors => _actors;

    /// <summary>Notes that <paramref name="actor"/> did <paramref name="what"/>, now.</summary>
    public void Tell(IActorRef actor, string what, int attempt = 0, CoordinatedShutdown.Reason? reason = null, int count = 0, bool tripped = false) =>
        _seen.Enqueue(new Seen(PathOf(actor), what, time.GetUtcNow(), attempt, reason, count, tripped));

    /// <summary>Keeps the ref of <paramref name="actor"/>, to find it by its path.</summary>
    public void Register(IActorRef actor) => _actors[PathOf(actor)] = actor;

    /// <summary>What <paramref name="path"/> reported, in order.</summary>
    public IReadOnlyList<Seen> Of(string path) => [.. _seen.Where(s => s.Path == path)];

    /// <summary>Subscribes the journal to <paramref name="system"/>'s log events, from Info up.</summary>
    public void Listen(ActorSystem system) =>
        system.EventStream.Subscribe(new LogListener(this, (ExtendedActorSystem)system), typeof(LogEvent));

    /// <summary>The journal as lines, with each entry's time from <paramref name="start"/>.</summary>
    public string Describe(DateTimeOffset start) => string.Concat(_seen.Select(s => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.NewLine}    [{(s.At - start).TotalSeconds,6:0.000}s] {s.Path} {s.What}{(s.Attempt > 0 ? $" #{s.Attempt}" : "")}{(s.What == "stopped" && s.Count > 0 ? $" count {s.Count}" : "")}{(s.Tripped ? " tripped" : "")}{(s.Text is null ? "" : $": {s.Text}")}")));

    internal static string PathOf(IActorRef actor) => actor.Path.ToStringWithoutAddress();

    /// <summary>A ref on the event stream that writes log events into the journal as they are published.</summary>
    private sealed class LogListener(Journal journal, ExtendedActorSystem system) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(system.Provider.DefaultAddress) / "journal";

        public override IActorRefProvider Provider => system.Provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is not LogEvent log || log.LogLevel() < LogLevel.InfoLevel) return;
            var text = log.Message?.ToString();
            journal._seen.Enqueue(new Seen(log.LogSource, log.LogLevel().ToString(), journal.TimeNow, Text: text));
            if (text?.StartsWith("Shutdown guardian took ", StringComparison.Ordinal) == true) Volatile.Write(ref journal._scopeTaken, true);
        }
    }

    private DateTimeOffset TimeNow => time.GetUtcNow();
}
