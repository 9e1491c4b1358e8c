using System.Globalization;
using ActorShutdown;
using ActorShutdown.Configuration;
using ActorShutdown.SignalTarget;

// A bare actor system that a signal shuts down. The tests in tests/Actors.Tests/Shutdown/Signals start
// it as a child process, wait for "ready" and send it signals.
//
//   ActorShutdown.SignalTarget <marker-file> [--exit-process] [--fail-task] [--cancel-interval <duration>] [--return-on-input]
//
// Lines on stdout: "ready" once the actors run and the signal handlers are in place; "shutdown-started
// <reason>" when the first phase starts; "resisted <attempt>" each time the resisting actor swallows a
// cancel request; "exit-code <n>" just before Main returns it.
//
// The task in before-actor-system-terminate appends "shutdown-task-ran <reason>" to <marker-file>:
// its presence shows the phases ran to the end.
//
// --exit-process     actors.coordinated-shutdown.exit-process = on, and Main never returns: the
//                    process can only end through exit-process (or a signal).
//                    Without it, Main awaits the system's termination and returns the report's exit code.
// --fail-task        a task of service-unbind throws, so the report is not clean (exit code 3).
// --cancel-interval  the guardian's time between two cancel requests (default 50ms). The resisting actor
//                    is escalated after 10 of them, so this sets how long a shutdown lasts.
// --return-on-input  Main returns 5 as soon as a line arrives on stdin, with the system still running:
//                    the shutdown then runs on ProcessExit (run-by-process-exit), and the exit code stays 5.

var options = Options.Parse(args);
var config = ConfigurationFactory.ParseString($"""
    actors.coordinated-shutdown.exit-process = {(options.ExitProcess ? "on" : "off")}
    actors.shutdown-guardian.cancel-interval = {options.CancelInterval}
    actors.shutdown-guardian.max-cancel-attempts = 10
    # Killed, the resister stops at once; the long timeout only keeps a loaded machine from abandoning it.
    actors.shutdown-guardian.escalation-timeout = 10s
    actors.coordinated-shutdown.phases.service-requests-done.timeout = 60s
    """);
var system = ActorSystem.Create("signal-target", config);
var shutdown = CoordinatedShutdown.Get(system);
string ReasonName() => shutdown.Reason?.Name ?? "none";

shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "announce", _ =>
{
    Console.WriteLine($"shutdown-started {ReasonName()}");
    return Task.CompletedTask;
});
if (options.FailTask)
{
    shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "fail", _ =>
        throw new InvalidOperationException("This shutdown task fails on purpose (--fail-task)."));
}
shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "append-marker", token =>
    File.AppendAllTextAsync(options.MarkerFile, $"shutdown-task-ran {ReasonName()}{Environment.NewLine}", token));

for (var i = 0; i < 3; i++) system.ActorOf(Props.Create<Worker>(), $"worker-{i}").Tell(Worker.Work);
system.ActorOf(Props.Create<Resister>(), "resister");
Console.WriteLine("ready");

if (options.ReturnOnInput)
{
    await Console.In.ReadLineAsync();
    Console.WriteLine("returning 5");
    return 5;
}
await system.WhenTerminated;
if (options.ExitProcess)
{
    // exit-process ends the process with the report's exit code; nothing else may.
    await Task.Delay(Timeout.Infinite);
}
// The run has already started (it is what terminated the system): Run returns that run, whatever the reason given.
var report = await shutdown.Run(ShutdownReason.Unknown);
Console.WriteLine(report);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exit-code {report.ExitCode}"));
return report.ExitCode;
