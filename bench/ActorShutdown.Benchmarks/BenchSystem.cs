using ActorShutdown.Configuration;

namespace ActorShutdown.Benchmarks;

/// <summary>Systems for benchmarks: no signal or process-exit hooks, optional extra HOCON.</summary>
internal static class BenchSystem
{
    public static ActorSystem Create(string name, string hocon = "") => ActorSystem.Create(name,
        ConfigurationFactory.ParseString(hocon + """

            actors.coordinated-shutdown.run-by-signals = off
            actors.coordinated-shutdown.run-by-process-exit = off
            actors.log-dead-letters = 0
            """));
}
