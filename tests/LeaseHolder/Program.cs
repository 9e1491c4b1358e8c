// A service that holds a lease in a shielded worker, for the cross-process lease tests.
//
//   ActorShutdown.LeaseHolder --kind file|postgresql --lease NAME --owner OWNER [--log FILE]
//       [--dir DIR] [--connection CS] [--table T] [--work N] [--queued K] [--item-ms MS] [--poll-ms MS]
//       [--interval-ms MS] [--timeout-ms MS]
//
// The worker tries to acquire the lease every poll-ms until it gets it, then works through N items (-1: no
// end) of item-ms each, keeping K of them queued ahead. It is shielded and its lease is tied to it
// (ReleaseOnStop), so on SIGTERM it finishes the items queued so far, stops, and the lease is released at once.
// Every event is one line on stdout (and in the log file): "<UTC ISO-8601> <EVENT> [detail]". Events: READY,
// WAITING, ACQUIRE-FAILED message, ACQUIRED, WORK-START i, WORK-END i, LOST, STOPPED,
// RELEASED released=<bool> failure=<type or ->, EXIT code.
using System.Globalization;
using ActorShutdown;
using ActorShutdown.Configuration;
using ActorShutdown.Coordination;
using ActorShutdown.LeaseHolder;

var options = Options.Parse(args);
using var log = new EventLog(options.Get("log"));
var kind = options.Get("kind") ?? "file";
var section = kind switch
{
    "file" => "actors.coordination.file-lease",
    "postgresql" => "actors.coordination.postgresql-lease",
    _ => throw new ArgumentException($"--kind must be file or postgresql, not '{kind}'"),
};
var hocon = $$"""
    {{section}} {
      heartbeat-interval = {{options.Int("interval-ms", 1000)}}ms
      heartbeat-timeout = {{options.Int("timeout-ms", 10000)}}ms
      lease-operation-timeout = 5s
      directory = {{Quote(options.Get("dir") ?? "")}}
      connection-string = {{Quote(options.Get("connection") ?? "")}}
      table = {{Quote(options.Get("table") ?? PostgreSqlLease.DefaultTable)}}
    }
    """;
var system = ActorSystem.Create("leaseholder", ConfigurationFactory.ParseString(hocon));
var lease = LeaseProvider.Get(system).GetLease(options.Require("lease"), section, options.Require("owner"));
var worker = system.ActorOf(Props.Create(() => new Worker(lease, log, options.Int("work", 0), options.Int("queued", 5),
    TimeSpan.FromMilliseconds(options.Int("item-ms", 100)), TimeSpan.FromMilliseconds(options.Int("poll-ms", 20)))), "worker");
var guardian = ShutdownGuardian.Get(system);
guardian.Shield(worker);
var released = guardian.ReleaseOnStop(worker, lease).Released.ContinueWith(t =>
{
    var release = t.Result;
    log.Write("RELEASED", $"released={release.Released} failure={release.Failure?.GetType().Name ?? "-"}");
}, TaskScheduler.Default);
log.Write("READY", $"pid={Environment.ProcessId}");

await system.WhenTerminated.ConfigureAwait(false);
await released.ConfigureAwait(false);
var report = await CoordinatedShutdown.Get(system).Run(ShutdownReason.ActorSystemTerminate).ConfigureAwait(false);
log.Write("EXIT", report.ExitCode.ToString(CultureInfo.InvariantCulture));
return report.ExitCode;

static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
