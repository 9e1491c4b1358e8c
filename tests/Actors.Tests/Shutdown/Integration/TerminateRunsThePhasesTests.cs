using System.Collections.Concurrent;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>
/// <c>ActorSystem.Terminate()</c> runs the coordinated shutdown (<c>run-by-actor-system-terminate = on</c>,
/// the default) with the reason ActorSystemTerminate; its last phase terminates the system.
/// </summary>
public sealed class TerminateRunsThePhasesTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Terminate_runs_every_phase_in_order_with_the_reason_ActorSystemTerminate()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var ran = new ConcurrentQueue<(string Phase, ShutdownReason? Reason, bool Terminated)>();
        foreach (var phase in shutdown.OrderedPhases)
        {
            shutdown.AddTask(phase, $"record-{phase}", _ =>
            {
                ran.Enqueue((phase, shutdown.Reason, Sys.WhenTerminated.IsCompleted));
                return Task.CompletedTask;
            });
        }

        await Sys.Terminate().WaitAsync(Harness.Guard);

        Assert.Equal(shutdown.OrderedPhases, ran.Select(r => r.Phase));
        Assert.All(ran, r => Assert.Same(ShutdownReason.ActorSystemTerminate, r.Reason));
        // Up to the last phase the system runs; the last phase terminates it.
        Assert.DoesNotContain(ran, r => r.Terminated);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        // Run returns the run Terminate started.
        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Harness.Guard);
        Assert.Same(ShutdownReason.ActorSystemTerminate, report.Reason);
        var last = report.Phases[^1];
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, last.Name);
        var terminateTask = Assert.Single(last.Tasks, t => t.Name == "terminate-actor-system");
        Assert.False(terminateTask.TimedOut);
        Assert.Null(terminateTask.Failure);
    }

    [Fact]
    public async Task Actors_under_user_are_stopped_by_the_run()
    {
        var worker = ActorOf(Props.Create<Idle>(), "worker");
        // WatchAsync registers at once; a probe's Watch is a message the probe may not get to before the system stops it.
        var stopped = worker.WatchAsync();

        await Sys.Terminate().WaitAsync(Harness.Guard);

        Assert.True(await stopped.WaitAsync(Harness.Guard));
        var report = await CoordinatedShutdown.Get(Sys).Run(ShutdownReason.Unknown).WaitAsync(Harness.Guard);
        Assert.Equal(ActorFate.Stopped, report.For(worker)?.Fate);
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
