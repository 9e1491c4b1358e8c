using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Kernel;

public sealed class SmokeTests : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Seed : ReceiveActor
    {
        public Seed(IActorRef probe)
        {
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("working");
                await Task.Delay(Timeout.Infinite, Context.CancellationToken);
            });
            ReceiveAsync<Cancel>(async c =>
            {
                probe.Tell($"cancel {c.Attempt}");
                if (c.Attempt == 1)
                {
                    probe.Tell("cleanup");
                    await Task.Delay(Timeout.Infinite, Context.CancellationToken);
                }
            });
        }
    }

    [Fact]
    public void Echo_replies()
    {
        var echo = ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hi", TestActor);
        Assert.Equal("hi", ExpectMsg<string>());
    }

    [Fact]
    public async Task Ask_works()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Assert.Equal(42, await echo.Ask<int>(42));
    }

    [Fact]
    public void Seed_case_ends_after_second_request()
    {
        var probe = CreateTestProbe();
        var a = ActorOf(Props.Create(() => new Seed(probe)));
        probe.Watch(a);
        a.Tell("go");
        probe.ExpectMsg<string>(s => s == "working");
        a.Cancel();
        probe.ExpectMsg<string>(s => s == "cancel 1");
        probe.ExpectMsg<string>(s => s == "cleanup");
        a.Cancel();
        probe.ExpectTerminated(a);
    }
}
