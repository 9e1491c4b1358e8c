using System.Collections.Concurrent;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

public class PhaseExecutionTests
{
    public enum FailureKind { ThrowsSynchronously, FaultsAsynchronously, IsCancelled, TimesOut }

    private readonly Harness _h = new();

    [Fact]
    public async Task Tasks_of_one_phase_run_concurrently()
    {
        var shutdown = _h.Chain("p");
        var aStarted = Signal();
        var bStarted = Signal();
        // Each waits for the other to start: they can only both end if they run at the same time.
        shutdown.AddTask("p", "a", async _ => { aStarted.SetResult(); await bStarted.Task; });
        shutdown.AddTask("p", "b", async _ => { bStarted.SetResult(); await aStarted.Task; });

        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        Assert.True(report.Clean);
        Assert.Equal(["a", "b"], report.Phases[0].Tasks.Select(t => t.Name));
    }

    [Fact]
    public async Task A_task_that_blocks_before_its_first_await_does_not_hold_up_the_others()
    {
        var shutdown = _h.Chain("p");
        using var release = new ManualResetEventSlim();
        var otherRan = Signal();
        shutdown.AddTask("p", "blocking", _ => { release.Wait(Guard, CancellationToken.None); return Task.CompletedTask; });
        shutdown.AddTask("p", "other", _ => { otherRan.SetResult(); return Task.CompletedTask; });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await otherRan.Task.WaitAsync(Guard);
        release.Set();

        await run.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_phase_starts_only_after_every_task_of_the_phase_before_has_ended()
    {
        var shutdown = _h.Chain("one", "two");
        var events = new ConcurrentQueue<string>();
        var firstStarted = Signal();
        var release = Signal();
        shutdown.AddTask("one", "slow", async _ =>
        {
            events.Enqueue("one:start");
            firstStarted.SetResult();
            await release.Task;
            events.Enqueue("one:end");
        });
        shutdown.AddTask("one", "fast", _ => { events.Enqueue("one:fast"); return Task.CompletedTask; });
        shutdown.AddTask("two", "next", _ => { events.Enqueue("two"); return Task.CompletedTask; });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await firstStarted.Task.WaitAsync(Guard);
        Assert.DoesNotContain("two", events);
        release.SetResult();
        var report = await run.WaitAsync(Guard);

        Assert.Equal("two", events.Last());
        Assert.Equal(["one", "two"], report.Phases.Select(p => p.Name));
    }

    [Theory]
    [InlineData(FailureKind.ThrowsSynchronously)]
    [InlineData(FailureKind.FaultsAsynchronously)]
    [InlineData(FailureKind.IsCancelled)]
    [InlineData(FailureKind.TimesOut)]
    public async Task With_recover_on_a_failure_is_recorded_and_logged_once_and_the_run_goes_on(FailureKind kind)
    {
        var shutdown = _h.Create([Phase("p", recover: true), Phase("next", dependsOn: ["p"])]);
        var failing = new FailingTask(kind);
        shutdown.AddTask("p", "bad", failing.Run);
        shutdown.AddTask("p", "good", Noop);
        var nextRan = Signal();
        shutdown.AddTask("next", "after", _ => { nextRan.SetResult(); return Task.CompletedTask; });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await failing.TimeOut(_h.Time);
        var report = await run.WaitAsync(Guard);

        Assert.True(nextRan.Task.IsCompleted);
        var phase = report.Phases[0];
        var bad = phase.Tasks[0];
        Assert.Null(phase.Tasks[1].Failure);
        Assert.False(phase.Tasks[1].TimedOut);
        if (kind == FailureKind.TimesOut)
        {
            Assert.True(phase.TimedOut);
            Assert.True(bad.TimedOut);
            Assert.Null(bad.Failure);
            Assert.Equal(TimeSpan.FromSeconds(5), phase.Duration);
            var logged = Assert.Single(_h.Log.WithEvent(ShutdownEvents.PhaseTimedOut));
            Assert.Contains("bad", logged.Message);
            Assert.Empty(_h.Log.WithEvent(ShutdownEvents.TaskFailed));
        }
        else
        {
            Assert.False(phase.TimedOut);
            Assert.False(bad.TimedOut);
            Assert.Same(failing.Error, bad.Failure);
            Assert.Same(failing.Error, Assert.Single(_h.Log.WithEvent(ShutdownEvents.TaskFailed)).Exception);
            Assert.Empty(_h.Log.WithEvent(ShutdownEvents.PhaseTimedOut));
        }
        Assert.False(report.Clean);
        Assert.Equal(3, report.ExitCode);
    }

    [Theory]
    [InlineData(FailureKind.ThrowsSynchronously)]
    [InlineData(FailureKind.FaultsAsynchronously)]
    [InlineData(FailureKind.IsCancelled)]
    [InlineData(FailureKind.TimesOut)]
    public async Task With_recover_off_the_remaining_phases_are_skipped_and_the_run_faults_with_the_error(FailureKind kind)
    {
        var shutdown = _h.Create([Phase("p", recover: false), Phase("next", dependsOn: ["p"])]);
        var failing = new FailingTask(kind);
        shutdown.AddTask("p", "bad", failing.Run);
        var nextRan = false;
        shutdown.AddTask("next", "after", _ => { nextRan = true; return Task.CompletedTask; });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await failing.TimeOut(_h.Time);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(Guard));

        Assert.True(run.IsFaulted);
        Assert.False(nextRan);
        if (kind == FailureKind.TimesOut)
        {
            var timeout = Assert.IsType<TimeoutException>(error);
            Assert.Contains("'p'", timeout.Message);
            Assert.Contains("'bad'", timeout.Message);
            Assert.Single(_h.Log.WithEvent(ShutdownEvents.PhaseTimedOut));
        }
        else
        {
            Assert.Same(failing.Error, error);
            Assert.Single(_h.Log.WithEvent(ShutdownEvents.TaskFailed));
        }
        Assert.Contains("next", Assert.Single(_h.Log.WithEvent(ShutdownEvents.ShutdownAborted)).Message);
    }

    [Fact]
    public async Task A_task_whose_phase_times_out_has_its_token_cancelled_and_is_not_waited_for()
    {
        var shutdown = _h.Chain("p", "next");
        var started = Signal();
        var tokenCancelled = Signal();
        shutdown.AddTask("p", "observes-token", token =>
        {
            token.Register(() => tokenCancelled.SetResult());
            started.SetResult();
            return Signal().Task;   // never ends, even when cancelled
        });

        var run = shutdown.Run(ShutdownReason.Unknown);
        await started.Task.WaitAsync(Guard);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await tokenCancelled.Task.WaitAsync(Guard);
        var report = await run.WaitAsync(Guard);

        Assert.True(report.Phases[0].Tasks[0].TimedOut);
        Assert.Equal(["p", "next"], report.Phases.Select(p => p.Name));
    }

    [Fact]
    public async Task A_phase_without_tasks_passes_at_once()
    {
        var shutdown = _h.Chain("empty");

        var report = await shutdown.Run(ShutdownReason.ActorSystemTerminate).WaitAsync(Guard);

        Assert.Equal(TimeSpan.Zero, report.Phases[0].Duration);
        Assert.True(report.Clean);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Each_phase_logs_its_start_with_its_task_names_and_its_end()
    {
        var shutdown = _h.Chain("p");
        shutdown.AddTask("p", "first-task", Noop);
        shutdown.AddTask("p", "second-task", Noop);

        await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        var start = Assert.Single(_h.Log.WithEvent(ShutdownEvents.PhaseStarting)).Message;
        Assert.Contains("p", start);
        Assert.Contains("first-task", start);
        Assert.Contains("second-task", start);
        Assert.Contains("p", Assert.Single(_h.Log.WithEvent(ShutdownEvents.PhaseFinished)).Message);
    }

    [Fact]
    public async Task The_report_times_come_from_the_time_provider()
    {
        var shutdown = _h.Chain("p");
        var started = Signal();
        shutdown.AddTask("p", "hangs", Hanging(started));
        _h.Time.Advance(TimeSpan.FromHours(1));
        var runAt = _h.Time.GetUtcNow();

        Assert.Null(shutdown.StartTimestamp);
        var run = shutdown.Run(ShutdownReason.Unknown);
        await started.Task.WaitAsync(Guard);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        var report = await run.WaitAsync(Guard);

        Assert.Equal(runAt, report.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(5), _h.Time.GetElapsedTime(shutdown.StartTimestamp!.Value));
        Assert.Equal(TimeSpan.FromSeconds(5), report.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), report.Phases[0].Tasks[0].Duration);
    }

    [Fact]
    public async Task The_report_lists_the_actor_outcomes_read_after_the_last_phase()
    {
        var shutdown = _h.Chain("p");
        var outcomes = new List<ActorOutcome>();
        shutdown.SetActorOutcomeSource(() => outcomes);
        var stopped = new ActorOutcome("/user/worker", false, false, 1, ActorFate.Stopped, TimeSpan.FromSeconds(1), null);
        shutdown.AddTask("p", "guardian", _ => { outcomes.Add(stopped); return Task.CompletedTask; });

        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        Assert.Equal([stopped], report.Actors);
        Assert.Same(stopped, report.For(FakeActorRef.At("/user/worker")));
        Assert.Throws<InvalidOperationException>(() => shutdown.SetActorOutcomeSource(() => []));
    }

    /// <summary>A task that fails in the given way, and what the test must do to make it fail.</summary>
    private sealed class FailingTask(FailureKind kind)
    {
        private readonly TaskCompletionSource _started = Signal();

        public Exception Error { get; } = kind == FailureKind.IsCancelled
            ? new OperationCanceledException("gave up")
            : new InvalidOperationException("boom");

        public Task Run(CancellationToken token) => kind switch
        {
            FailureKind.ThrowsSynchronously => throw Error,
            FailureKind.FaultsAsynchronously or FailureKind.IsCancelled => ThrowLater(),
            _ => Hanging(_started)(token),
        };

        /// <summary>For a task that times out: waits until it runs, then moves the clock past the phase timeout.</summary>
        public async Task TimeOut(TestKit.ManualTime time)
        {
            if (kind != FailureKind.TimesOut) return;
            await _started.Task.WaitAsync(Guard);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        private async Task ThrowLater()
        {
            await Task.Yield();
            throw Error;
        }
    }
}
