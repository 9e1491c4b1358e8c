using ActorShutdown.Configuration;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

public class RunOnceTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Run_returns_the_same_task_every_time_and_the_first_reason_wins()
    {
        var shutdown = _h.Chain("p");
        var runs = 0;
        shutdown.AddTask("p", "count", _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        Assert.Null(shutdown.Reason);

        var first = shutdown.Run(ShutdownReason.HostStopping);
        var second = shutdown.Run(ShutdownReason.Unknown);
        var report = await first.WaitAsync(Guard);

        Assert.Same(first, second);
        Assert.Same(first, shutdown.Run(ShutdownReason.ProcessExit));
        Assert.Same(ShutdownReason.HostStopping, shutdown.Reason);
        Assert.Same(ShutdownReason.HostStopping, report.Reason);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Concurrent_calls_from_many_threads_share_one_run_and_one_reason()
    {
        var shutdown = _h.Chain("p");
        var runs = 0;
        shutdown.AddTask("p", "count", _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        const int callers = 16;
        var reasons = Enumerable.Range(0, callers).Select(i => new TestReason($"reason-{i}")).ToArray();
        using var barrier = new Barrier(callers);

        // Dedicated threads, released together, so the calls really overlap.
        var calls = reasons.Select(reason => Task.Factory.StartNew(
            () => { barrier.SignalAndWait(Guard); return shutdown.Run(reason); },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var returned = await Task.WhenAll(calls).WaitAsync(Guard);
        var report = await returned[0].WaitAsync(Guard);

        Assert.All(returned, run => Assert.Same(returned[0], run));
        Assert.Contains(report.Reason, reasons);
        Assert.Same(report.Reason, shutdown.Reason);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Run_never_runs_phases_on_the_callers_thread()
    {
        var shutdown = _h.Chain("p");
        using var release = new ManualResetEventSlim();
        var taskStarted = Signal();
        // Blocks synchronously: if Run ran the phase on its caller's thread, Run would not return.
        shutdown.AddTask("p", "blocks", _ => { taskStarted.SetResult(); release.Wait(Guard, CancellationToken.None); return Task.CompletedTask; });

        var call = Task.Factory.StartNew(
            () => shutdown.Run(ShutdownReason.Unknown), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        var run = await call.WaitAsync(Guard);
        await taskStarted.Task.WaitAsync(Guard);
        Assert.False(run.IsCompleted);
        release.Set();

        await run.WaitAsync(Guard);
    }

    [Fact]
    public async Task Phase_tasks_do_not_inherit_the_callers_async_local_state()
    {
        var shutdown = _h.Chain("p");
        var ambient = new AsyncLocal<string>();
        string? seen = "not run";
        shutdown.AddTask("p", "look", _ => { seen = ambient.Value; return Task.CompletedTask; });

        ambient.Value = "caller";
        var run = shutdown.Run(ShutdownReason.Unknown);
        await run.WaitAsync(Guard);

        Assert.Null(seen);
    }

    [Fact]
    public async Task FromPhase_skips_the_phases_before_it()
    {
        var shutdown = _h.Chain("a", "b", "c");
        var ran = new List<string>();
        foreach (var phase in shutdown.OrderedPhases)
            shutdown.AddTask(phase, $"task-{phase}", _ => { lock (ran) ran.Add(phase); return Task.CompletedTask; });

        var report = await shutdown.Run(ShutdownReason.Unknown, fromPhase: "b").WaitAsync(Guard);

        Assert.Equal(["b", "c"], ran);
        Assert.Equal(["b", "c"], report.Phases.Select(p => p.Name));
    }

    [Fact]
    public async Task A_task_added_to_a_phase_the_run_skips_does_not_run_and_is_logged()
    {
        var shutdown = _h.Chain("a", "b");
        var holding = Signal();
        var release = Signal();
        shutdown.AddTask("b", "hold", async _ => { holding.SetResult(); await release.Task; });

        var run = shutdown.Run(ShutdownReason.Unknown, fromPhase: "b");
        var ranSkipped = false;
        shutdown.AddTask("a", "skipped", _ => { ranSkipped = true; return Task.CompletedTask; });
        await holding.Task.WaitAsync(Guard);
        release.SetResult();
        await run.WaitAsync(Guard);

        Assert.False(ranSkipped);
        Assert.Contains("skipped", Assert.Single(_h.Log.WithEvent(ShutdownEvents.TaskAddedTooLate)).Message);
    }

    [Fact]
    public void An_unknown_fromPhase_throws_at_once_and_starts_nothing()
    {
        var shutdown = _h.Chain("a");

        var error = Assert.Throws<ConfigurationException>(() => { _ = shutdown.Run(ShutdownReason.Unknown, fromPhase: "nope"); });

        Assert.Contains("'nope'", error.Message);
        Assert.Null(shutdown.Reason);
    }

    [Fact]
    public async Task A_run_with_no_phases_completes_with_an_empty_clean_report()
    {
        var report = await _h.Create([]).Run(ShutdownReason.ActorSystemTerminate).WaitAsync(Guard);

        Assert.Empty(report.Phases);
        Assert.True(report.Clean);
    }
}
