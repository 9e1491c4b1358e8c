using Akka.Actor;
using Akka.Configuration;

namespace ActorShutdown.Benchmarks;

/// <summary>
/// The actor systems both sides run on: bare ActorSystems with the same config, no signal or process-exit hooks,
/// logging at WARNING, and ActorShutdown's deque mailbox for deque-based actors (as hosted systems get it). The only
/// difference between the sides is whether <see cref="ShutdownGuardian.Get"/> is called.
/// </summary>
internal static class BenchSystem
{
    /// <summary>How many shutdowns in this process ended with an unclean report.</summary>
    public static int Unclean { get; private set; }

    /// <summary>The config of every system: the guardian's keys are read only when the guardian is loaded.</summary>
    private const string Common = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = 0
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # Room for the guardian's cancel schedules and its drain, so that a slow run is measured, not cut short (no
        # task of plain Akka.NET runs in these phases).
        akka.coordinated-shutdown.phases.service-requests-done.timeout = 60s
        akka.coordinated-shutdown.phases.service-stop.timeout = 60s
        # Deque-based actors on ActorShutdown's deque mailbox, as WithShutdownGuardian selects it for a hosted system.
        akka.actor.mailbox.unbounded-deque-based.mailbox-type = "ActorShutdown.DequeMailbox, ActorShutdown"
        akka.shutdown-guardian.run-by-signals = off
        akka.shutdown-guardian.exit-process = off
        """;

    /// <summary>A system; with <paramref name="guardian"/>, the guardian is loaded in it.</summary>
    public static ActorSystem Create(bool guardian, string hocon = "")
    {
        var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString(hocon + "\n" + Common));
        if (guardian) ShutdownGuardian.Get(system);
        return system;
    }

    /// <summary>
    /// Runs the coordinated shutdown to its end and returns how long it took: with the guardian, from <c>Run</c> to its
    /// report; plain, from <c>Run</c> to the completion of its task. An unclean report is written to stderr and
    /// counted in <see cref="Unclean"/>: the benchmark shows it rather than failing. Also returns the CPU time the
    /// process spent meanwhile, on every thread: on a shared machine it varies far less with the load than the time.
    /// </summary>
    public static async Task<(double Ms, double CpuMs)> ShutDownAsync(ActorSystem system, bool guardian)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);
        if (guardian)
        {
            var report = await ShutdownGuardian.Get(system).Report;
            clock.Stop();
            if (!report.Clean)
            {
                Unclean++;
                Console.Error.WriteLine($"unclean shutdown:\n{report}");
            }
            if (Environment.GetEnvironmentVariable("BENCH_REPORT") is not null) Console.Error.WriteLine(report);
        }
        else
        {
            await run;
            clock.Stop();
        }
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        // BENCH_GC=1: where a shutdown's time goes besides the work itself (the collections it causes).
        if (Environment.GetEnvironmentVariable("BENCH_GC") is not null)
            Console.Error.WriteLine($"GC pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, gen2 {GC.CollectionCount(2) - gen2}, " +
                                    $"allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1e6:F1} MB, CPU {cpuMs:F0} ms, {clock.Elapsed.TotalMilliseconds:F0} ms");
        await system.WhenTerminated;
        return (clock.Elapsed.TotalMilliseconds, cpuMs);
    }
}
