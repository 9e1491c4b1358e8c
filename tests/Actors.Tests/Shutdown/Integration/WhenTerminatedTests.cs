using System.Collections.Concurrent;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary><c>WhenTerminated</c> completes only after every actor has stopped, however long its <c>PostStop</c> takes.</summary>
public sealed class WhenTerminatedTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task WhenTerminated_waits_for_an_actor_still_in_PostStop()
    {
        using var gate = new ManualResetEventSlim();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new ConcurrentQueue<string>();
        var parent = ActorOf(Props.Create(() => new Parent(gate, stopping, events)), "parent");
        // Excluded from the guardian's cancellation, with its child: both stop with the system, in the last phase.
        ShutdownGuardian.Get(Sys).Exclude(parent);
        _ = Sys.WhenTerminated.ContinueWith(_ => events.Enqueue("system terminated"), TaskScheduler.Default);

        var terminate = Sys.Terminate();
        await stopping.Task.WaitAsync(Harness.Guard);

        // The child is blocked in its PostStop: nothing may call the system terminated yet.
        Assert.False(Sys.WhenTerminated.IsCompleted, "WhenTerminated completed while an actor was still stopping");
        Assert.False(terminate.IsCompleted, "Terminate completed while an actor was still stopping");
        gate.Set();
        await terminate.WaitAsync(Harness.Guard);
        await Sys.WhenTerminated.WaitAsync(Harness.Guard);
        AwaitCondition(() => events.Count == 3);
        Assert.Equal(["child stopped", "parent stopped", "system terminated"], events);
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _events;

        public Parent(ManualResetEventSlim gate, TaskCompletionSource stopping, ConcurrentQueue<string> events)
        {
            _events = events;
            Context.ActorOf(Props.Create(() => new Child(gate, stopping, events)), "child");
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _events.Enqueue("parent stopped");
    }

    private sealed class Child(ManualResetEventSlim gate, TaskCompletionSource stopping, ConcurrentQueue<string> events) : ReceiveActor
    {
        protected override void PostStop()
        {
            stopping.TrySetResult();
            gate.Wait(Harness.Guard);
            events.Enqueue("child stopped");
        }
    }
}
