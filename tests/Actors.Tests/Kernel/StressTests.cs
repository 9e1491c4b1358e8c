namespace ActorShutdown.Tests.Kernel;

/// <summary>Many concurrent senders against one actor whose handlers are all async.</summary>
public sealed class StressTests : TestKit.TestKit
{
    private sealed record Msg(int Sender, int Seq);

    private sealed record Summary(int Received, int Overlaps, int OutOfOrder);

    private sealed class Recorder : ReceiveActor
    {
        private readonly int[] _next;
        private int _inHandler;
        private int _overlaps;
        private int _received;
        private int _outOfOrder;

        public Recorder(int senders)
        {
            _next = new int[senders];
            ReceiveAsync<Msg>(async m =>
            {
                if (Interlocked.Increment(ref _inHandler) != 1) Interlocked.Increment(ref _overlaps);
                await Task.Yield();
                if (m.Seq != _next[m.Sender]) _outOfOrder++;
                _next[m.Sender] = m.Seq + 1;
                _received++;
                Interlocked.Decrement(ref _inHandler);
            });
            Receive<string>(_ => Sender.Tell(new Summary(_received, _overlaps, _outOfOrder)));
        }
    }

    [Fact]
    public async Task Eight_senders_times_ten_thousand_async_messages_none_lost_none_overlapping_order_kept_per_sender()
    {
        const int senders = 8;
        const int perSender = 10_000;
        var actor = ActorOf(Props.Create(() => new Recorder(senders)));
        using var start = new Barrier(senders);

        var sending = Enumerable.Range(0, senders).Select(s => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perSender; i++) actor.Tell(new Msg(s, i));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(sending);

        var summary = await actor.Ask<Summary>("summary", TimeSpan.FromSeconds(30));
        Assert.Equal(new Summary(senders * perSender, 0, 0), summary);
    }
}
