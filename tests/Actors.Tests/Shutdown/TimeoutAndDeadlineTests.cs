using ActorShutdown.Configuration;
using ActorShutdown.Tests.Shutdown.Support;
using static ActorShutdown.Tests.Shutdown.Support.Harness;

namespace ActorShutdown.Tests.Shutdown;

public class TimeoutAndDeadlineTests
{
    private static readonly TimeSpan S5 = TimeSpan.FromSeconds(5);

    private readonly Harness _h = new();

    [Fact]
    public void Timeout_gives_a_phase_its_configured_timeout()
    {
        var shutdown = _h.Create([.. Defaults(), Phase("forever", Infinite, dependsOn: [CoordinatedShutdown.PhaseActorSystemTerminate])]);

        Assert.Equal(TimeSpan.FromSeconds(30), shutdown.Timeout(CoordinatedShutdown.PhaseServiceStop));
        Assert.Equal(Infinite, shutdown.Timeout("forever"));
        Assert.Contains("'nope'", Assert.Throws<ConfigurationException>(() => shutdown.Timeout("nope")).Message);
    }

    [Fact]
    public void TotalTimeout_is_the_sum_of_the_phase_timeouts()
    {
        Assert.Equal(TimeSpan.FromSeconds(70), _h.Create(Defaults()).TotalTimeout);
    }

    [Fact]
    public void TotalTimeout_is_infinite_when_a_phase_is()
    {
        Assert.Equal(Infinite, _h.Create([Phase("a"), Phase("b", Infinite)]).TotalTimeout);
    }

    [Theory]
    [InlineData(25, 25)]
    [InlineData(100, 70)]
    public void TotalTimeout_is_the_deadline_when_that_is_smaller(int deadlineSeconds, int expectedSeconds)
    {
        var shutdown = _h.Create(Defaults(), TimeSpan.FromSeconds(deadlineSeconds));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), shutdown.TotalTimeout);
    }

    [Fact]
    public void A_deadline_bounds_even_infinite_phases()
    {
        var shutdown = _h.Create([Phase("a", Infinite)], TimeSpan.FromSeconds(9));
        Assert.Equal(TimeSpan.FromSeconds(9), shutdown.TotalTimeout);
    }

    [Fact]
    public void A_deadline_that_is_not_positive_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => _h.Create(Defaults(), TimeSpan.Zero));
        Assert.Throws<ConfigurationException>(() => _h.Create(Defaults(), TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void An_infinite_deadline_means_no_deadline()
    {
        Assert.Equal(TimeSpan.FromSeconds(70), _h.Create(Defaults(), Infinite).TotalTimeout);
    }

    [Fact]
    public async Task A_phase_times_out_on_the_manual_clock()
    {
        var shutdown = _h.Create([Phase("p", TimeSpan.FromSeconds(3))]);
        var started = Signal();
        shutdown.AddTask("p", "hangs", Hanging(started));

        var run = shutdown.Run(ShutdownReason.Unknown);
        await started.Task.WaitAsync(Guard);
        _h.Time.Advance(TimeSpan.FromSeconds(2.999));
        Assert.False(run.IsCompleted);
        _h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var report = await run.WaitAsync(Guard);

        Assert.True(report.Phases[0].TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(3), report.Duration);
    }

    [Fact]
    public async Task With_every_phase_hanging_the_run_ends_at_the_deadline_and_terminate_keeps_its_share()
    {
        var clock = new TimerWatchingClock();
        var shutdown = _h.Create(Defaults(), deadline: TimeSpan.FromSeconds(25), time: clock);
        var started = shutdown.OrderedPhases.ToDictionary(p => p, _ => Signal());
        foreach (var phase in shutdown.OrderedPhases) shutdown.AddTask(phase, $"hang-{phase}", Hanging(started[phase]));

        var report = await clock.AdvanceUntil(shutdown.Run(ShutdownReason.Unknown));

        // terminate's share: min(10 s, 25 s / 5) = 5 s. The others get min(own, what remains - 5 s).
        Assert.Equal(TimeSpan.FromSeconds(25), report.Duration);
        Assert.Equal([5, 5, 10, 0, 0, 5], report.Phases.Select(p => p.Duration.TotalSeconds));
        Assert.All(report.Phases, p => Assert.True(p.TimedOut));
        Assert.All(report.Phases.SelectMany(p => p.Tasks), t => Assert.True(t.TimedOut));
        Assert.False(started[CoordinatedShutdown.PhaseServiceStop].Task.IsCompleted);
        Assert.False(started[CoordinatedShutdown.PhaseBeforeActorSystemTerminate].Task.IsCompleted);
        Assert.True(started[CoordinatedShutdown.PhaseActorSystemTerminate].Task.IsCompleted);
        Assert.Equal(2, _h.Log.WithEvent(ShutdownEvents.PhaseCutShort).Count);
        Assert.Equal(3, report.ExitCode);
    }

    [Fact]
    public async Task A_deadline_cuts_an_infinite_phase_to_what_remains_after_terminates_share()
    {
        var clock = new TimerWatchingClock();
        var shutdown = _h.Create(
            [Phase("forever", Infinite), Phase(CoordinatedShutdown.PhaseActorSystemTerminate, dependsOn: ["forever"])],
            deadline: TimeSpan.FromSeconds(10), time: clock);
        shutdown.AddTask("forever", "hang", Hanging(Signal()));
        shutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "hang", Hanging(Signal()));

        var report = await clock.AdvanceUntil(shutdown.Run(ShutdownReason.Unknown));

        // terminate's share: min(5 s, 10 s / 5) = 2 s.
        Assert.Equal([8, 2], report.Phases.Select(p => p.Duration.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), report.Duration);
    }

    [Fact]
    public async Task A_phase_cut_short_without_recover_faults_the_run_with_a_timeout_naming_it()
    {
        var clock = new TimerWatchingClock();
        var shutdown = _h.Create([Phase("first", TimeSpan.FromSeconds(10)), Phase("strict", recover: false, dependsOn: ["first"])],
            deadline: TimeSpan.FromSeconds(10), time: clock);
        shutdown.AddTask("first", "hang", Hanging(Signal()));
        shutdown.AddTask("strict", "never", _ => throw new InvalidOperationException("must not run"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => clock.AdvanceUntil(shutdown.Run(ShutdownReason.Unknown)));

        Assert.Contains("'strict'", error.Message);
        Assert.Contains("'never'", error.Message);
    }

    [Fact]
    public async Task Phases_that_end_in_time_are_not_affected_by_the_deadline()
    {
        var shutdown = _h.Create(Defaults(), deadline: TimeSpan.FromSeconds(25));
        foreach (var phase in shutdown.OrderedPhases) shutdown.AddTask(phase, "quick", Noop);

        var report = await shutdown.Run(ShutdownReason.Unknown).WaitAsync(Guard);

        Assert.Equal(6, report.Phases.Count);
        Assert.True(report.Clean);
        Assert.Empty(_h.Log.WithEvent(ShutdownEvents.PhaseCutShort));
    }

    [Fact]
    public async Task A_phase_without_tasks_that_gets_no_time_is_not_marked_as_cut_short()
    {
        var clock = new TimerWatchingClock();
        var shutdown = _h.Create([Phase("first", TimeSpan.FromSeconds(10)), Phase("empty", dependsOn: ["first"])],
            deadline: TimeSpan.FromSeconds(10), time: clock);
        shutdown.AddTask("first", "hang", Hanging(Signal()));

        var report = await clock.AdvanceUntil(shutdown.Run(ShutdownReason.Unknown));

        Assert.False(report.Phases[1].TimedOut);
        Assert.Empty(report.Phases[1].Tasks);
    }
}
