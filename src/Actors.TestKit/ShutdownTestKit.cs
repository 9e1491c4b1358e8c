using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit;

/// <summary>
/// An Akka.TestKit for shutdown tests: the system runs on <see cref="TestScheduler"/> with the
/// <see cref="ShutdownGuardian"/> loaded, never takes the test process's signals, and <see cref="RunShutdown"/> runs
/// its coordinated shutdown to the end in virtual time. The test's probes live under <c>/system</c>, out of the
/// guardian's reach.
/// </summary>
public abstract class ShutdownTestKit : Akka.TestKit.Xunit2.TestKit
{
    private readonly ShutdownDriver _driver;

    /// <summary>Starts the test's actor system with <paramref name="hocon"/> over the kit's settings, and loads the guardian.</summary>
    /// <param name="hocon">The test's configuration, if any; it wins over the kit's.</param>
    /// <param name="output">Where the system's log goes.</param>
    /// <exception cref="ConfigurationException">
    /// <paramref name="hocon"/> sets a scheduler other than <see cref="TestScheduler"/>, or an invalid guardian setting.
    /// </exception>
    protected ShutdownTestKit(string? hocon = null, ITestOutputHelper? output = null)
        : base(KitConfig.For(hocon), output: output)
    {
        Scheduler = (TestScheduler)Sys.Scheduler;   // KitConfig made sure of it
        Time = new SchedulerTimeProvider(Scheduler);
        Guardian = ShutdownGuardian.Get(Sys);
        _driver = new ShutdownDriver(Sys, Scheduler, TerminatePhaseWatch.Start(Sys, Scheduler), Guardian.Phases);
    }

    /// <summary>How long, in real time, a shutdown may take to end before the test fails (settable for the kit's own tests).</summary>
    internal TimeSpan Bound { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The scheduler the system runs on: advance it to move the system's time.</summary>
    public TestScheduler Scheduler { get; }

    /// <summary>
    /// A clock on <see cref="Scheduler"/>, for code under test: <c>Task.Delay(d, Time, token)</c>. Its timers fire on
    /// the thread that advances the scheduler, when it passes their due time.
    /// </summary>
    public TimeProvider Time { get; }

    /// <summary>The system's guardian, loaded.</summary>
    public ShutdownGuardian Guardian { get; }

    /// <summary>
    /// Runs the coordinated shutdown (or joins the one already started) and advances virtual time in small steps,
    /// letting the actors react between them, until the guardian's report is complete.
    /// </summary>
    /// <param name="reason">The run's reason; <see cref="CoordinatedShutdown.UnknownReason"/> by default.</param>
    /// <returns><see cref="ShutdownGuardian.Report"/>, complete.</returns>
    /// <remarks>
    /// The test fails, with the guardian's progress, if the report is not complete within 30 seconds of real time.
    /// The kit tells that the actors have reacted to a step by counting the mailbox runs of its dispatchers (see
    /// <see cref="CountingExecutorConfigurator"/>): a test that configures its own executor or dispatchers keeps
    /// only the thread pool's queue as a sign of work under way.
    /// </remarks>
    public Task<ShutdownReport> RunShutdown(CoordinatedShutdown.Reason? reason = null)
    {
        _ = CoordinatedShutdown.Get(Sys).Run(reason ?? CoordinatedShutdown.UnknownReason.Instance);
        if (!_driver.Drive(Guardian.Report, Bound))
            Assertions.Fail($"The shutdown's report was not complete within {Bound.TotalSeconds:0} s of real time ({Scheduler.Now:HH:mm:ss.fff} virtual); guardian: {Guardian.Progress}");
        return Guardian.Report;
    }

    /// <summary>
    /// Releases the actors the test left blocked and drives the shutdown that terminates the system to its end, so
    /// a test that leaves a resisting actor behind does not stall its teardown.
    /// </summary>
    protected override void AfterAll()
    {
        BlockGates.Of(Sys).ReleaseAll();
        var terminated = Sys.Terminate();   // runs the coordinated shutdown, or joins the one under way
        if (!_driver.Drive(Task.WhenAny(Guardian.Report, terminated), Bound))
            Output?.WriteLine($"{nameof(ShutdownTestKit)}: the shutdown had not ended within {Bound.TotalSeconds:0} s at teardown; guardian: {Guardian.Progress}");
        base.AfterAll();
    }
}
