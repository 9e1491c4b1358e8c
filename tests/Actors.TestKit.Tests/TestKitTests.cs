using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorShutdown.TestKit.Tests;

/// <summary>The TestKit base class: its clock, where its probes live, what outlives the system, and disposal.</summary>
public sealed class TestKitTests
{
    private sealed class Kit(bool manualTime = false, ITestOutputHelper? output = null) : TestKit(output: output, manualTime: manualTime);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Time_throws_InvalidOperationException_without_manualTime()
    {
        using var kit = new Kit();

        var thrown = Assert.Throws<InvalidOperationException>(() => kit.Time);

        Assert.Contains("manualTime", thrown.Message, StringComparison.Ordinal);
        Assert.Same(TimeProvider.System, kit.Sys.Time);
    }

    [Fact]
    public void With_manualTime_the_system_runs_on_the_kit_clock()
    {
        using var kit = new Kit(manualTime: true);
        var start = kit.Sys.Time.GetUtcNow();

        kit.Time.Advance(TimeSpan.FromHours(1));

        Assert.Same(kit.Time, kit.Sys.Time);
        Assert.Equal(start + TimeSpan.FromHours(1), kit.Sys.Time.GetUtcNow());
    }

    [Fact]
    public void The_test_actor_and_the_probes_live_under_system_not_user()
    {
        using var kit = new Kit();

        Assert.Equal("/system/testActor", kit.TestActor.Path.ToString());
        Assert.Equal("/system/named", kit.CreateTestProbe("named").Path.ToString());
        Assert.StartsWith("/system/", kit.CreateTestProbe().Path.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("/user/", kit.ActorOf(Props.Create<Echo>()).Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_names_are_checked_and_unique_within_a_kit()
    {
        using var kit = new Kit();
        kit.CreateTestProbe("p");

        Assert.Throws<InvalidActorNameException>(() => kit.CreateTestProbe("p"));
        Assert.Throws<InvalidActorNameException>(() => kit.CreateTestProbe("has space"));
        Assert.Throws<InvalidActorNameException>(() => kit.CreateTestProbe("testActor"));
    }

    [Fact]
    public void The_kit_methods_act_on_the_test_actor()
    {
        using var kit = new Kit();
        var echo = kit.ActorOf(Props.Create<Echo>());

        kit.Send(echo, "via kit");
        Assert.Equal("via kit", kit.ExpectMsg<string>());
        Assert.Equal(echo, kit.LastSender);
        kit.Watch(echo);
        kit.Sys.Stop(echo);
        Assert.True(kit.ExpectTerminated(echo).ExistenceConfirmed);
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private sealed class SaysGoodbye(IActorRef probe) : ReceiveActor
    {
        protected override void PostStop() => probe.Tell($"{Self.Path.Name} stopped");
    }

    [Fact]
    public async Task What_probes_received_stays_readable_after_the_system_terminated_including_every_user_actor_going()
    {
        using var kit = new Kit();
        var probe = kit.CreateTestProbe();
        var actors = Enumerable.Range(0, 20).Select(i => kit.ActorOf(Props.Create(() => new SaysGoodbye(probe)), $"a{i}")).ToList();
        foreach (var actor in actors) probe.Watch(actor);
        probe.Tell("before termination");

        await kit.Sys.Terminate();

        Assert.Equal("before termination", probe.ExpectMsg<string>());
        var rest = probe.ReceiveN(40, TimeSpan.FromSeconds(1));
        Assert.Equal(actors.Select(a => $"{a.Path.Name} stopped").Order(), rest.OfType<string>().Order());
        Assert.Equal(actors.Select(a => a.Path.ToString()).Order(), rest.OfType<Terminated>().Select(t => t.ActorRef.Path.ToString()).Order());
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Disposing_the_kit_terminates_its_system()
    {
        var kit = new Kit();
        var system = kit.Sys;

        kit.Dispose();

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        kit.Dispose();   // a second time is harmless
    }

    /// <summary>Stops itself on "hang", but its stop cannot finish until the gate opens: its handler is still running.</summary>
    private sealed class HangsItsStop : ReceiveActor
    {
        public HangsItsStop(Task gate) => ReceiveAsync<string>(async _ =>
        {
            Context.Stop(Self);
            Sender.Tell("stopping");
            await gate;
        });
    }

    [Fact]
    public async Task Disposal_fails_the_test_when_the_system_does_not_terminate_in_time()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var kit = new Kit();
        var hanging = kit.ActorOf(Props.Create(() => new HangsItsStop(gate.Task)));
        kit.Send(hanging, "hang");
        kit.ExpectMsg<string>(s => s == "stopping");

        var failure = Assert.ThrowsAny<XunitException>(kit.Dispose);

        Assert.Contains("did not terminate", failure.Message, StringComparison.Ordinal);
        Assert.False(kit.Sys.WhenTerminated.IsCompleted);
        gate.SetResult();   // release it, so that nothing outlives the test
        await kit.Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message)
        {
            lock (Lines) Lines.Add(message);
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class Fails : ReceiveActor
    {
        public Fails() => ReceiveAny(_ => throw new InvalidOperationException("logged through the test output"));
    }

    [Fact]
    public void With_an_output_helper_the_system_logs_to_the_test_output()
    {
        var output = new RecordingOutput();
        using var kit = new Kit(output: output);

        kit.ActorOf(Props.Create<Fails>()).Tell("boom");

        kit.AwaitCondition(() =>
        {
            lock (output.Lines) return output.Lines.Any(l => l.Contains("logged through the test output", StringComparison.Ordinal));
        });
    }
}
