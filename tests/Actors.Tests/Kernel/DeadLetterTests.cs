using System.Runtime.CompilerServices;

namespace ActorShutdown.Tests.Kernel;

/// <summary>Undeliverable messages go to dead letters and are counted; sending never throws.</summary>
public sealed class DeadLetterTests : TestKit.TestKit
{
    [Fact]
    public void Messages_told_to_DeadLetters_are_counted()
    {
        var deadLettersBefore = Sys.DeadLetterCount;

        Sys.DeadLetters.Tell("lost");
        Sys.DeadLetters.Tell(new DeadLetter("wrapped", TestActor, TestActor));

        Assert.Equal(deadLettersBefore + 2, Sys.DeadLetterCount);
    }

    private sealed class Counting(StrongBox<int> handled) : UntypedActor
    {
        protected override void OnReceive(object message) => Interlocked.Increment(ref handled.Value);
    }

    [Fact]
    public async Task Every_message_racing_with_a_stop_is_either_handled_or_a_dead_letter_and_no_Tell_throws()
    {
        const int senders = 4;
        const int perSender = 2_000;
        var handled = new StrongBox<int>();
        var actor = ActorOf(Props.Create(() => new Counting(handled)));
        var deadLettersBefore = Sys.DeadLetterCount;
        Watch(actor);

        var sending = Enumerable.Range(0, senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++) actor.Tell(i);
        })).ToArray();
        Sys.Stop(actor);
        await Task.WhenAll(sending);   // would fault if a Tell threw

        ExpectTerminated(actor);
        AwaitCondition(() => Volatile.Read(ref handled.Value) + (Sys.DeadLetterCount - deadLettersBefore) == senders * perSender);
    }
}
