namespace ActorShutdown.Tests.Kernel;

/// <summary>Ask: replies, failures, timeouts on the manual clock, cancellation, wrong reply types.</summary>
public sealed class AskTests() : TestKit.TestKit(manualTime: true)
{
    /// <summary>Replies to a request with whatever reply the request carries.</summary>
    private sealed record Request(object Reply);

    private sealed class Replier : ReceiveActor
    {
        public Replier() => Receive<Request>(r => Sender.Tell(r.Reply));
    }

    private IActorRef NewReplier() => ActorOf(Props.Create<Replier>());

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        Assert.Equal("pong", await NewReplier().Ask<string>(new Request("pong")).Bounded());
    }

    [Fact]
    public async Task Ask_unwraps_a_Status_Success_reply()
    {
        Assert.Equal(42, await NewReplier().Ask<int>(new Request(new Status.Success(42))).Bounded());
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_Ask_with_its_cause()
    {
        var cause = new InvalidOperationException("no can do");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => NewReplier().Ask<string>(new Request(new Status.Failure(cause))).Bounded());

        Assert.Same(cause, thrown);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_even_an_Ask_for_object()
    {
        var cause = new InvalidOperationException("no can do");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => NewReplier().Ask<object>(new Request(new Status.Failure(cause))).Bounded());

        Assert.Same(cause, thrown);
    }

    [Fact]
    public async Task Without_a_reply_the_Ask_faults_with_AskTimeoutException_when_the_manual_clock_passes_the_timeout()
    {
        var silent = ActorOf(Props.Create<Silent>(), "silent");

        var ask = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(5));
        Assert.Equal(1, Time.ActiveTimers);
        Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(ask.IsCompleted);
        Time.Advance(TimeSpan.FromTicks(1));

        var thrown = await Assert.ThrowsAsync<AskTimeoutException>(() => ask.Bounded());
        Assert.Contains("/user/silent", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public async Task The_Ask_timeout_follows_the_manual_clock_not_the_wall_clock()
    {
        var ask = ActorOf(Props.Create<Silent>()).Ask<string>("anyone?", TimeSpan.FromMilliseconds(1));

        ExpectNoMsg(TimeSpan.FromMilliseconds(150));   // far past 1 ms of real time, but the clock has not moved
        Assert.False(ask.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask.Bounded());
    }

    [Fact]
    public async Task A_reply_completes_the_Ask_and_disarms_its_timeout()
    {
        await NewReplier().Ask<string>(new Request("pong"), TimeSpan.FromSeconds(5)).Bounded();

        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_Ask()
    {
        using var cts = new CancellationTokenSource();
        var ask = ActorOf(Props.Create<Silent>()).Ask<string>("anyone?", Timeout.InfiniteTimeSpan, cts.Token);
        Assert.False(ask.IsCompleted);

        await cts.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.Bounded());
        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.True(ask.IsCanceled);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_the_Ask_with_an_error_naming_both_types_and_the_target()
    {
        var replier = ActorOf(Props.Create<Replier>(), "replier");

        var thrown = await Assert.ThrowsAsync<InvalidCastException>(() => replier.Ask<int>(new Request("not a number")).Bounded());

        Assert.Contains("Int32", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("String", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("/user/replier", thrown.Message, StringComparison.Ordinal);
    }

    private sealed class RepliesTwice : ReceiveActor
    {
        public RepliesTwice() => ReceiveAny(m =>
        {
            Sender.Tell(m);
            Sender.Tell(m);
        });
    }

    [Fact]
    public async Task A_reply_after_the_first_is_a_dead_letter()
    {
        var deadLettersBefore = Sys.DeadLetterCount;

        Assert.Equal("hi", await ActorOf(Props.Create<RepliesTwice>()).Ask<string>("hi").Bounded());

        AwaitCondition(() => Sys.DeadLetterCount == deadLettersBefore + 1);
    }
}
