using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>
/// A TestKit on a manual clock for the guardian's tests, with the waits they share: settle the system before
/// moving the clock, never move it between two phases, and drive a run to its end. Expectations wait generously
/// (real time) so a loaded machine does not fail them; nothing here measures wall-clock time. The system's logs
/// are kept in <see cref="Logs"/>.
/// </summary>
public abstract class GuardianTestKit : TestKit.TestKit
{
    /// <summary>The longest a test waits (real time) for something that should happen promptly: a hang guard.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Lets expectations wait long on a loaded machine.</summary>
    public const string Patient = """
        actors.test.single-expect-default = 30s
        actors.test.default-timeout = 30s
        actors.log-dead-letters = off
        """;

    protected GuardianTestKit(string? hocon = null, ITestOutputHelper? output = null)
        : this(new LogCapture(output), hocon)
    {
    }

    private GuardianTestKit(LogCapture logs, string? hocon)
        : base(Patient + "\n" + (hocon ?? string.Empty), logs, manualTime: true)
    {
        Logs = logs;
        logs.Clock = () => Time.GetUtcNow();
    }

    /// <summary>Everything the system logged.</summary>
    protected LogCapture Logs { get; }

    protected CoordinatedShutdown Shutdown => CoordinatedShutdown.Get(Sys);

    protected ShutdownGuardian Guardian => ShutdownGuardian.Get(Sys);

    /// <summary>The manual clock's reading.</summary>
    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// Waits until no actor has work it could do before the clock moves (see <see cref="Quiescence"/>) and, during a
    /// run, a phase is running whose timeout has not come yet.
    /// </summary>
    protected void Settle(params IActorRef[] busy) => Quiescence.Settle(Sys, Guard, busy, () => Logs.ClockMayMove(Sys, Now));

    /// <summary>
    /// Settles, waits until at least <paramref name="armed"/> timers are armed (the phase's timeout, the guardian's
    /// timer, the actors' delays), then moves the clock by <paramref name="by"/>.
    /// </summary>
    protected void Advance(TimeSpan by, int armed = 0, params IActorRef[] busy)
    {
        Settle(busy);
        if (armed > 0) AwaitCondition(() => Time.ActiveTimers >= armed, Guard);
        OffTestThread(() => Time.Advance(by));
    }

    /// <summary>
    /// Drives <paramref name="run"/> to its end: settle, move the clock one <paramref name="step"/>, repeat. With
    /// every delay of the test on the step grid, each timer fires at its own time and what it sets off through
    /// mailboxes has happened before the clock moves on. Work that leaves the mailboxes — a token's callbacks (an
    /// actor awaiting its token), a task continuation — can be overtaken when the machine is loaded: a test that
    /// asserts exact times for such work waits for its events first, and drives the rest with this.
    /// </summary>
    /// <exception cref="XunitException">The run did not end within the run's total timeout (plus a margin) of manual time.</exception>
    protected ShutdownReport RunToEnd(Task<ShutdownReport> run, TimeSpan? step = null, params IActorRef[] busy)
    {
        DriveUntil(run, step, busy);
        return Ended(run);
    }

    /// <inheritdoc cref="RunToEnd(Task{ShutdownReport}, TimeSpan?, IActorRef[])"/>
    protected void DriveUntil(Task task, TimeSpan? step = null, params IActorRef[] busy)
    {
        var by = step ?? TimeSpan.FromMilliseconds(100);
        var started = Now;
        var limit = Shutdown.TotalTimeout + TimeSpan.FromSeconds(5);
        // Once the phases are over nothing needs the clock (Terminate's task may still be finishing).
        while (!task.IsCompleted && !Shutdown.Completion.IsCompleted)
        {
            Quiescence.Settle(Sys, Guard, busy, () => task.IsCompleted || Shutdown.Completion.IsCompleted || Logs.ClockMayMove(Sys, Now));
            if (task.IsCompleted || Shutdown.Completion.IsCompleted) break;
            if (Now - started > limit) throw new XunitException($"The shutdown did not end within {limit} of manual time.");
            OffTestThread(() => Time.Advance(by));
        }
        task.WaitAsync(Guard).GetAwaiter().GetResult();
    }

    /// <summary>Starts the coordinated shutdown (off the test thread, see <see cref="OffTestThread"/>).</summary>
    protected Task<ShutdownReport> Begin(ShutdownReason reason) => OffTestThread(() => Shutdown.Run(reason));

    /// <summary><see cref="ActorSystem.Terminate"/>, off the test thread.</summary>
    protected Task Terminate() => OffTestThread(Sys.Terminate);

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own. xunit runs tests on thread-pool threads, and work the
    /// runtime queues from a pool thread (a run's first step, the continuation of a phase whose timeout a clock
    /// move fired, a token's callbacks) goes to that thread's local queue — where it waits while the test blocks on
    /// an expectation, until some idle thread steals it, which on a busy machine can take longer than any timeout.
    /// From a thread of its own, that work goes to the pool's global queue.
    /// </summary>
    protected static void OffTestThread(Action action) => OffTestThread<object?>(() =>
    {
        action();
        return null;
    });

    /// <inheritdoc cref="OffTestThread(Action)"/>
    protected static T OffTestThread<T>(Func<T> function)
    {
        T result = default!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = function();
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "guardian-test-step" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Waits (real time, <see cref="Guard"/>) for a run that needs no more clock to end, and returns its report.</summary>
    protected static ShutdownReport Ended(Task<ShutdownReport> run) => run.WaitAsync(Guard).GetAwaiter().GetResult();

    /// <summary>Waits (real time, <see cref="Guard"/>) for a task that needs no more clock to complete.</summary>
    protected static void Await(Task task) => task.WaitAsync(Guard).GetAwaiter().GetResult();

    /// <summary>The next <see cref="Seen"/> <paramref name="probe"/> takes (matching <paramref name="isMatch"/>); a failure says what the system was doing.</summary>
    protected Seen Next(Recorder probe, Predicate<Seen>? isMatch = null)
    {
        try
        {
            return probe.ExpectMsg(isMatch);
        }
        catch (XunitException e)
        {
            throw new XunitException(e.Message + Environment.NewLine + Diagnose(), e);
        }
    }

    /// <summary>Checks that nothing reaches <paramref name="probe"/> for a short while; a failure says what the system was doing.</summary>
    protected void ExpectNothing(Recorder probe)
    {
        try
        {
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }
        catch (XunitException e)
        {
            throw new XunitException(e.Message + Environment.NewLine + Diagnose(), e);
        }
    }

    /// <summary>What the system is doing: the clock, its timers, busy actors, the phase, the pool, the last log lines.</summary>
    protected string Diagnose()
    {
        var lines = Logs.Lines;
        return $"""
            clock {Now:HH:mm:ss.fff}, {Time.ActiveTimers} timers armed, phase {Logs.RunningPhase?.ToString() ?? "(none)"} ({Logs.PhasesFinished} finished)
            {Quiescence.Describe(Sys)}
            thread pool: {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} items pending, {ThreadPool.CompletedWorkItemCount} completed
            last log lines:{string.Concat(lines.Skip(Math.Max(0, lines.Count - 25)).Select(l => $"{Environment.NewLine}  [{l.At:ss.fff}] {l.Category}: {l.Message}"))}
            """;
    }

    /// <summary>Creates an actor under /user and waits until it has started.</summary>
    protected IActorRef Start(Props props, string name)
    {
        var actor = ActorOf(props, name);
        Settle();
        return actor;
    }
}
