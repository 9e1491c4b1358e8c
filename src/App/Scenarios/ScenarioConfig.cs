using System.Globalization;
using Akka.Configuration;

namespace ActorShutdown.App.Scenarios;

internal static class ScenarioConfig
{
    /// <summary>
    /// A scenario's bare actor system: quiet about dead letters, re-sending cancel requests every
    /// <paramref name="cancelInterval"/> up to <paramref name="attempts"/> times, its cancel phase long enough for that
    /// schedule, and handling the termination signals itself only when <paramref name="runBySignals"/>.
    /// </summary>
    public static Config For(TimeSpan cancelInterval, int attempts, bool runBySignals = false)
    {
        var phase = cancelInterval * attempts + TimeSpan.FromSeconds(3);
        return ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = WARNING
              log-dead-letters = 0
              coordinated-shutdown {
                run-by-clr-shutdown-hook = {{(runBySignals ? "on" : "off")}}
                phases.service-requests-done.timeout = {{(long)phase.TotalMilliseconds}}ms
              }
              shutdown-guardian {
                run-by-signals = {{(runBySignals ? "on" : "off")}}
                cancel-interval = {{(long)cancelInterval.TotalMilliseconds}}ms
                max-cancel-attempts = {{attempts}}
                escalation-timeout = 2s
              }
            }
            """));
    }
}
