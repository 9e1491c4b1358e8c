using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Coordination;
using ActorShutdown;
using ActorShutdown.Samples.Cluster;

// One node of a three-node cluster on 127.0.0.1 (DESIGN §11): sharded counters, whose entities are cancelled when
// handed off, and a cluster singleton under a FileLease. Start the first node with --port 0 (it prints its port as
// "address <port>"), then the others with --seed <that port>; the singleton runs on the oldest node started with
// --singleton. SIGTERM or Ctrl+C makes the node leave gracefully: the guardian cancels its actors, its shards are
// handed off (entities get Cancel), the singleton hands over (its lease released first), and the process exits with
// the report's exit code (0 when clean). A node downed by another ("down <port>" on the other's stdin) exits with
// Akka's downing exit code, 3. Every node appends what happens to the --events file.

Options options;
try
{
    options = Options.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
Directory.CreateDirectory(options.LeaseDirectory);
Events.File = options.EventsFile;
Events.Node = options.Name;

var config = ConfigurationFactory.ParseString($$"""
    akka {
      loglevel = INFO
      actor.provider = cluster
      remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{options.Port}} }
      cluster {
        roles = [{{(options.Singleton ? "singleton" : "")}}]
        gossip-interval = 200ms
        leader-actions-interval = 200ms
        # The coordinator's state goes to a majority of the nodes, not all: a node leaving does not hold it up.
        sharding.coordinator-state { write-majority-plus = 0, read-majority-plus = 0 }
      }
      shutdown-guardian {
        cancel-sharded-entities = on
        # A shutdown that no signal started (this node downed by another) ends the process too, with the report's
        # exit code: Akka's downing reason's 3.
        exit-process = on
      }
    }
    sample.singleton-lease {
      lease-class = "{{typeof(RecordingLease).FullName}}, {{typeof(RecordingLease).Assembly.GetName().Name}}"
      directory = "{{options.LeaseDirectory.Replace("\\", "\\\\", StringComparison.Ordinal)}}"
      # Far longer than a hand-over: the next node gets the lease because it was released, never because it expired.
      heartbeat-timeout = 5m
      heartbeat-interval = 1s
    }
    """);
var system = ActorSystem.Create("sample", config);
var guardian = ShutdownGuardian.Get(system);
// The guardian ends the process when the report completes; ProcessExit comes before that exit.
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    if (!guardian.Report.IsCompletedSuccessfully) return;
    var report = guardian.Report.Result;
    if (options.ReportFile is { } file) File.WriteAllText(file, report.ToJson());
    Console.WriteLine(report);
};

var cluster = Akka.Cluster.Cluster.Get(system);
var counters = await system.StartCancellableShardRegionAsync("counter", id => Props.Create(() => new Counter(id)), new CounterExtractor());
if (options.Singleton)
{
    // Settings of its own, not akka.cluster.singleton: that section is also the sharding coordinator's.
    var settings = ClusterSingletonManagerSettings.Create(system).WithRole("singleton")
        .WithLeaseSettings(new LeaseUsageSettings("sample.singleton-lease", TimeSpan.FromMilliseconds(200)));
    system.ActorOf(ClusterSingletonManager.Props(Props.Create<Ticker>(), PoisonPill.Instance, settings), "ticker");
}
Console.WriteLine($"address {cluster.SelfAddress.Port}");
system.ActorOf(Props.Create(() => new Client(counters, 3)), "client");
cluster.RegisterOnMemberUp(() => Console.WriteLine("up"));
cluster.Join(options.SeedPort is { } seed ? new Address("akka.tcp", "sample", "127.0.0.1", seed) : cluster.SelfAddress);
// "down <port>" on stdin downs the node at that port, as an operator (or a split brain resolver) would.
while (await Console.In.ReadLineAsync() is { } line)
{
    if (line.Split(' ') is ["down", var port] && int.TryParse(port, CultureInfo.InvariantCulture, out var downed))
        cluster.Down(new Address("akka.tcp", "sample", "127.0.0.1", downed));
}
// The guardian ends the process when the shutdown completes.
await Task.Delay(Timeout.Infinite);
return 0;
