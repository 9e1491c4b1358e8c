using ActorShutdown.Configuration;

namespace ActorShutdown.App.Scenarios;

internal static class ScenarioConfig
{
    /// <summary>
    /// A scenario system's configuration: quiet about dead letters, not tied to signals unless asked, and
    /// resending cancel requests only every <paramref name="cancelInterval"/>.
    /// </summary>
    public static Config For(TimeSpan cancelInterval, bool runBySignals = false) => ConfigurationFactory.ParseString($$"""
        actors {
          log-dead-letters = 0
          coordinated-shutdown {
            run-by-signals = {{(runBySignals ? "on" : "off")}}
            run-by-process-exit = off
          }
          shutdown-guardian.cancel-interval = {{(long)cancelInterval.TotalMilliseconds}}ms
        }
        """);
}
