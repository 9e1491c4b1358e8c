using ActorShutdown.Configuration;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

public class TaskRegistrationTests
{
    private readonly Harness _h = new();

    /// <summary>Starts a run whose phase "one" holds until the returned signal is set, and waits until it holds.</summary>
    private static async Task<(Task<ShutdownReport> Run, TaskCompletionSource Release)> RunHeldInPhaseOne(CoordinatedShutdown shutdown)
    {
        var inOne = Signal();
        var release = Signal();
        shutdown.AddTask("one", "hold", async _ => { inOne.SetResult(); await release.Task; });
        var run = shutdown.Run(ShutdownReason.Unknown);
        await inOne.Task.WaitAsync(Guard);
        return (run, release);
    }

    [Fact]
    public async Task A_task_added_while_an_earlier_phase_runs_still_runs()
    {
        var shutdown = _h.Chain("one", "two");
        var (run, release) = await RunHeldInPhaseOne(shutdown);
        var lateRan = false;
        shutdown.AddTask("two", "late", _ => { lateRan = true; return Task.CompletedTask; });
        release.SetResult();
        var report = await run.WaitAsync(Guard);

        Assert.True(lateRan);
        Assert.Equal("late", Assert.Single(report.Phases[1].Tasks).Name);
        Assert.Empty(_h.Log.WithEvent(ShutdownEvents.TaskAddedTooLate));
    }

    [Fact]
    public async Task A_task_added_to_a_phase_that_started_does_not_run_and_is_logged()
    {
        var shutdown = _h.Chain("one", "two");
        var (run, release) = await RunHeldInPhaseOne(shutdown);
        var tooLateRan = false;
        var handle = shutdown.AddTask("one", "too-late", _ => { tooLateRan = true; return Task.CompletedTask; });
        release.SetResult();
        var report = await run.WaitAsync(Guard);
        handle.Dispose();

        Assert.False(tooLateRan);
        Assert.Equal(["hold"], report.Phases[0].Tasks.Select(t => t.Name));
        var warning = Assert.Single(_h.Log.WithEvent(ShutdownEvents.TaskAddedTooLate)).Message;
        Assert.Contains("too-late", warning);
        Assert.Contains("one", warning);
    }

    [Fact]
    public async Task A_task_added_after_the_run_ended_does_not_run_and_is_logged()
    {
        var shutdown = _h.Chain("one");
        await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        shutdown.AddTask("one", "after-the-end", _ => throw new InvalidOperationException("must not run"));

        Assert.Single(_h.Log.WithEvent(ShutdownEvents.TaskAddedTooLate));
    }

    [Fact]
    public async Task Disposing_the_handle_removes_that_task_only_even_when_names_repeat()
    {
        var shutdown = _h.Chain("p");
        var ran = new List<int>();
        var first = shutdown.AddTask("p", "same-name", _ => { lock (ran) ran.Add(1); return Task.CompletedTask; });
        shutdown.AddTask("p", "same-name", _ => { lock (ran) ran.Add(2); return Task.CompletedTask; });

        first.Dispose();
        first.Dispose();
        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        Assert.Equal([2], ran);
        Assert.Equal("same-name", Assert.Single(report.Phases[0].Tasks).Name);
    }

    [Fact]
    public void Adding_to_an_unknown_phase_is_a_configuration_error_naming_it_and_the_known_phases()
    {
        var shutdown = _h.Chain("alpha", "beta");

        var error = Assert.Throws<ConfigurationException>(() => shutdown.AddTask("gamma", "t", Noop));

        Assert.Contains("'gamma'", error.Message);
        Assert.Contains("alpha", error.Message);
        Assert.Contains("beta", error.Message);
    }

    [Fact]
    public void Null_or_empty_names_and_a_null_task_are_argument_errors()
    {
        var shutdown = _h.Chain("p");

        Assert.ThrowsAny<ArgumentException>(() => shutdown.AddTask(null!, "t", Noop));
        Assert.ThrowsAny<ArgumentException>(() => shutdown.AddTask("", "t", Noop));
        Assert.ThrowsAny<ArgumentException>(() => shutdown.AddTask("p", null!, Noop));
        Assert.ThrowsAny<ArgumentException>(() => shutdown.AddTask("p", "", Noop));
        Assert.ThrowsAny<ArgumentException>(() => shutdown.AddTask("p", "t", null!));
    }
}
