using Akka.Configuration;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>The configuration of a test node: loopback on a free port, short cluster intervals, a journal shared in-process.</summary>
internal static class ClusterConfig
{
    public static Config Node(string extra = "") => ConfigurationFactory.ParseString(extra).WithFallback(ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          cluster {
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            periodic-tasks-initial-delay = 100ms
            # The tests down nodes themselves.
            downing-provider-class = ""
            sharding {
              retry-interval = 200ms
              # Shards move only when a node leaves, never by a rebalance in the middle of a test.
              rebalance-interval = 1h
              # The coordinator's state is written to a majority of the nodes, not all: the two that stay, while
              # the one leaving is still a member.
              coordinator-state { write-majority-plus = 0, read-majority-plus = 0 }
              distributed-data.majority-min-cap = 1
            }
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          persistence {
            journal {
              plugin = "akka.persistence.journal.shared"
              # Akka's SharedMemoryJournal: one store for every actor system of the process.
              shared.class = "Akka.Persistence.Journal.SharedMemoryJournal, Akka.Persistence"
              shared.plugin-dispatcher = "akka.actor.default-dispatcher"
            }
            snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
          }
          shutdown-guardian {
            run-by-signals = off
            cancel-sharded-entities = on
            cancel-interval = 300ms
            max-cancel-attempts = 3
            escalation-timeout = 1s
          }
        }
        """));
}
