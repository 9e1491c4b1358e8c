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
    /// <summary>How long, in real time, a shutdown may take to end before the test fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The kit's settings, under the test's own HOCON.</summary>
    private static readonly Config KitConfig = ConfigurationFactory.ParseString($$"""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        # A test process must never have its signals taken, nor exit when a shutdown ends.
        akka.shutdown-guardian.run-by-signals = off
        akka.shutdown-guardian.exit-process = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # The thread pool, counting each system's own mailbox runs, so RunShutdown can tell when the actors are quiet.
        akka.actor.default-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        akka.actor.internal-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        akka.actor.default-blocking-io-dispatcher.executor = "{{CountingExecutorConfigurator.Name}}"
        """);

    private readonly ShutdownDriver _driver;

    /// <summary>Starts the test's actor system with <paramref name="hocon"/> over the kit's settings, and loads the guardian.</summary>
    /// <param name="hocon">The test's configuration, if any; it wins over the kit's.</param>
    /// <param name="output">Where the system's log goes.</param>
    protected ShutdownTestKit(string? hocon = null, ITestOutputHelper? output = null)
        : base(WithKit(hocon), output: output)
    {
        Scheduler = Sys.Scheduler as TestScheduler ?? throw new ConfigurationException(
            $"akka.scheduler.implementation must be \"Akka.TestKit.TestScheduler, Akka.TestKit\" in a {nameof(ShutdownTestKit)}, not {Sys.Scheduler.GetType()}");
        Time = new SchedulerTimeProvider(Scheduler);
        Guardian = ShutdownGuardian.Get(Sys);
        _driver = new ShutdownDriver(Sys, Scheduler, TerminatePhaseWatch.Start(Sys, Scheduler));
    }

    /// <summary>The scheduler the system runs on: advance it to move the system's time.</summary>
    public TestScheduler Scheduler { get; }

    /// <summary>A clock on <see cref="Scheduler"/>, for code under test: <c>Task.Delay(d, Time, token)</c>.</summary>
    public TimeProvider Time { get; }

    /// <summary>The system's guardian, loaded.</summary>
    public ShutdownGuardian Guardian { get; }

    /// <summary>
    /// Runs the coordinated shutdown (or joins the one already started) and advances virtual time in small steps,
    /// letting the actors react between them, until the guardian's report is complete.
    /// </summary>
    /// <param name="reason">The run's reason; <see cref="CoordinatedShutdown.UnknownReason"/> by default.</param>
    /// <returns><see cref="ShutdownGuardian.Report"/>, complete.</returns>
    /// <remarks>The test fails, with the guardian's progress, if the report is not complete within 30 seconds of real time.</remarks>
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
        BlockGates.ReleaseAll(Sys);
        var terminated = Sys.Terminate();   // runs the coordinated shutdown, or joins the one under way
        if (!_driver.Drive(Task.WhenAny(Guardian.Report, terminated), Bound))
            Output?.WriteLine($"{nameof(ShutdownTestKit)}: the shutdown had not ended within {Bound.TotalSeconds:0} s at teardown; guardian: {Guardian.Progress}");
        base.AfterAll();
    }

    private static Config WithKit(string? hocon) =>
        string.IsNullOrWhiteSpace(hocon) ? KitConfig : ConfigurationFactory.ParseString(hocon).WithFallback(KitConfig);
}
