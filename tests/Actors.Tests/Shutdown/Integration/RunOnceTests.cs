using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>A system has one CoordinatedShutdown, and it runs once: every caller, on any thread, gets the same run.</summary>
public sealed class RunOnceTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Get_returns_the_same_instance_on_every_thread()
    {
        var first = CoordinatedShutdown.Get(Sys);
        var elsewhere = await Task.Run(() => CoordinatedShutdown.Get(Sys));

        Assert.Same(first, CoordinatedShutdown.Get(Sys));
        Assert.Same(first, elsewhere);
    }

    [Fact]
    public async Task Run_from_many_threads_returns_one_task_and_runs_the_phases_once()
    {
        const int callers = 16;
        var shutdown = CoordinatedShutdown.Get(Sys);
        var runs = 0;
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "count", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        var reasons = Enumerable.Range(0, callers).Select(i => new TestReason($"caller-{i}")).ToArray();
        var tasks = new Task<ShutdownReport>[callers];
        using var start = new Barrier(callers);
        var threads = Enumerable.Range(0, callers).Select(i => new Thread(() =>
        {
            start.SignalAndWait(Harness.Guard);
            tasks[i] = shutdown.Run(reasons[i]);
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(Harness.Guard)));

        Assert.All(tasks, t => Assert.Same(tasks[0], t));
        var report = await tasks[0].WaitAsync(Harness.Guard);
        Assert.Contains(report.Reason, reasons);
        Assert.Same(report.Reason, shutdown.Reason);
        Assert.Equal(1, Volatile.Read(ref runs));
        await Sys.WhenTerminated.WaitAsync(Harness.Guard);
        // Terminate after the run: the same run, nothing runs again.
        await Sys.Terminate().WaitAsync(Harness.Guard);
        Assert.Same(tasks[0], shutdown.Run(ShutdownReason.Unknown));
        Assert.Equal(1, Volatile.Read(ref runs));
    }
}
