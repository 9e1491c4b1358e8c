using ActorShutdown.Tests.Guardian.Support;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// A shield covers the actor's whole subtree: its children are shielded too and drained after it, so a ledger that
/// forwards its queued entries to a writer child loses none of them.
/// </summary>
public sealed class ShieldedSubtreeTests() : GuardianTestKit
{
    private const int Entries = 500;

    [Fact]
    public void A_shielded_parent_and_its_writer_child_process_every_queued_entry()
    {
        var probe = new Recorder();
        var ledger = ActorOf(Props.Create(() => new Ledger(probe)), "ledger");
        var writer = probe.ExpectMsg<IActorRef>();
        Guardian.Shield(ledger);
        ledger.Tell("work");   // busy for 3 s: the entries below queue up behind it
        for (var i = 0; i < Entries; i++) ledger.Tell(i);
        Settle();

        var report = RunToEnd(Begin(ShutdownReason.Unknown));

        var stopped = new[] { probe.FishForMessage<Seen>(s => s.What == "stopped"), probe.FishForMessage<Seen>(s => s.What == "stopped") };
        var writerStopped = stopped.Single(s => s.Path == writer.Path.ToString());
        var ledgerStopped = stopped.Single(s => s.Path == ledger.Path.ToString());
        Assert.Equal((Entries, false, false), (writerStopped.Count, writerStopped.Tripped, writerStopped.Cancelled));
        Assert.Equal((Entries, false, false), (ledgerStopped.Count, ledgerStopped.Tripped, ledgerStopped.Cancelled));
        foreach (var actor in new[] { ledger, writer })
        {
            var outcome = report.For(actor)!;
            Assert.Equal((true, ActorFate.Drained, 0, TimeSpan.FromSeconds(3)), (outcome.Shielded, outcome.Fate, outcome.CancelAttempts, outcome.StoppedAfter));
        }
        Assert.True(report.Clean, report.ToString());
    }

    /// <summary>Forwards every entry to its writer child; "work" keeps it busy for 3 s.</summary>
    private sealed class Ledger : ReceiveActor
    {
        private readonly IActorRef _probe;
        private int _count;
        private bool _tripped;
        private bool _cancelled;

        public Ledger(IActorRef probe)
        {
            _probe = probe;
            var writer = Context.ActorOf(Worker.Props(probe), "writer");
            probe.Tell(writer);
            ReceiveAsync<string>(async _ =>
            {
                _tripped |= Context.CancellationToken.IsCancellationRequested;
                await Task.Delay(TimeSpan.FromSeconds(3), Context.System.Time, Context.CancellationToken);
            });
            Receive<int>(entry =>
            {
                _tripped |= Context.CancellationToken.IsCancellationRequested;
                _count++;
                writer.Tell(entry);
            });
            Receive<Cancel>(_ => _cancelled = true);
        }

        protected override void PostStop() =>
            _probe.Tell(new Seen(Self.Path.ToString(), "stopped", Context.System.Time.GetUtcNow(), Count: _count, Tripped: _tripped, Cancelled: _cancelled));
    }
}
