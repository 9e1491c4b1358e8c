using Akka.Actor;
using Akka.Configuration;
using ActorShutdown;
using ActorShutdown.SignalTarget;

// A bare actor system with the shutdown guardian, as a console program. The tests in tests/Actors.Tests/Signals start
// it as a child process, wait for its lines on stdout and send it signals.
//
//   ActorShutdown.SignalTarget [--set <key>=<value>]... [--resist] [--block] [--terminate-on-input | --return-on-input]
//
// --set                 a HOCON setting, such as akka.shutdown-guardian.deadline=2s.
// --resist              adds an actor that swallows every cancel request ("resisted <attempt>" on each).
// --block               adds an actor that blocks its thread forever ("blocking" once it does).
// --terminate-on-input  a line on stdin calls ActorSystem.Terminate().
// --return-on-input     a line on stdin makes Main return 5 with the system still running.
//
// Lines on stdout: "ready" once the actors run and the guardian is loaded; "shutdown-started <reason>" when the run's
// first phase starts (<reason> is the signal's name for a SignalReason, else the reason's class); and, when the
// process exits the normal way after the report, the report followed by "exit-code <n>". Unless --return-on-input,
// Main never returns: only the guardian (or a signal's default action) ends the process.

var options = Options.Parse(args);
var config = ConfigurationFactory.ParseString(string.Join(Environment.NewLine, options.Settings));
var system = ActorSystem.Create("signal-target", config);
var guardian = ShutdownGuardian.Get(system);
var shutdown = CoordinatedShutdown.Get(system);

shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "announce", () =>
{
    var reason = shutdown.ShutdownReason;
    Console.WriteLine($"shutdown-started {(reason is SignalReason ? reason.ToString() : reason?.GetType().Name)}");
    return Task.FromResult(Akka.Done.Instance);
});
// The guardian ends the process when the report completes, so Main may never get to print it; ProcessExit comes
// before the exit (unless the exit is a hard one).
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    if (!guardian.Report.IsCompletedSuccessfully) return;
    Console.WriteLine(guardian.Report.Result);
    Console.WriteLine($"exit-code {guardian.Report.Result.ExitCode}");
};

for (var i = 0; i < 3; i++) system.ActorOf(Props.Create<Worker>(), $"worker-{i}");
if (options.Resist) system.ActorOf(Props.Create<Resister>(), "resister");
if (options.Block) system.ActorOf(Props.Create<Blocker>(), "blocker").Tell(Blocker.Block);
Console.WriteLine("ready");

if (options.ReturnOnInput)
{
    await Console.In.ReadLineAsync();
    Console.WriteLine("returning 5");
    return 5;
}
if (options.TerminateOnInput)
{
    await Console.In.ReadLineAsync();
    _ = system.Terminate();
}
await Task.Delay(Timeout.Infinite);
return 0;
