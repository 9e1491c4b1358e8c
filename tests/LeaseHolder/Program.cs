// A service that holds a lease in a shielded worker, for the cross-process lease tests.
//
//   ActorShutdown.LeaseHolder --kind file|postgresql --lease NAME --owner OWNER
//       [--dir DIR] [--connection CS] [--table T] [--work N] [--queued K] [--item-ms MS] [--poll-ms MS]
//       [--interval-ms MS] [--timeout-ms MS]
//
// The worker tries to acquire the lease every poll-ms until it gets it, then works through N items (-1: no end) of
// item-ms each, keeping K of them queued ahead. It is shielded and its lease tied to it (ReleaseOnShutdown), so on
// SIGTERM it finishes the items queued so far, stops, and the lease is released at once. SIGTERM runs the
// coordinated shutdown through Akka's own CLR hook (run-by-signals = off) so that Main, not the guardian, ends the
// process after it has written the report's lease outcomes.
// Every event is one line on stdout: "<UTC ISO-8601> <EVENT> [detail]". Events: READY, WAITING,
// ACQUIRE-FAILED message, ACQUIRED, WORK-START i, WORK-END i, LOST message, STOPPED,
// RELEASED released=<bool> failure=<type or ->, EXIT code.
using System.Globalization;
using ActorShutdown;
using ActorShutdown.Coordination;
using ActorShutdown.LeaseHolder;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;

var options = Options.Parse(args);
var log = new EventLog(null);
var section = options.Get("kind") switch
{
    "file" or null => FileLease.ConfigPath,
    "postgresql" => PostgreSqlLease.ConfigPath,
    var kind => throw new ArgumentException($"--kind must be file or postgresql, not '{kind}'"),
};
var hocon = $$"""
    akka.loglevel = WARNING
    akka.shutdown-guardian.run-by-signals = off
    {{section}} {
      heartbeat-interval = {{options.Int("interval-ms", 1000)}}ms
      heartbeat-timeout = {{options.Int("timeout-ms", 10000)}}ms
      lease-operation-timeout = 10s
      directory = {{Quote(options.Get("dir") ?? "")}}
      connection-string = {{Quote(options.Get("connection") ?? "")}}
      table = {{Quote(options.Get("table") ?? "actorshutdown_leases")}}
    }
    """;
var system = ActorSystem.Create("leaseholder", ConfigurationFactory.ParseString(hocon));
var guardian = ShutdownGuardian.Get(system);
var lease = LeaseProvider.Get(system).GetLease(options.Require("lease"), section, options.Require("owner"));
var worker = system.ActorOf(Props.Create(() => new Worker(lease, log, options.Int("work", 0), options.Int("queued", 5),
    TimeSpan.FromMilliseconds(options.Int("item-ms", 100)), TimeSpan.FromMilliseconds(options.Int("poll-ms", 20)))), "worker");
guardian.Shield(worker);
lease.ReleaseOnShutdown(system, worker);
log.Write("READY", $"pid={Environment.ProcessId}");

await system.WhenTerminated.ConfigureAwait(false);
var report = await guardian.Report.ConfigureAwait(false);
foreach (var outcome in report.Leases)
    log.Write("RELEASED", $"released={outcome.Released} failure={outcome.Failure?.GetType().Name ?? "-"}");
log.Write("EXIT", report.ExitCode.ToString(CultureInfo.InvariantCulture));
return report.ExitCode;

static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
