using Akka.Configuration;

namespace ActorShutdown.App.Configuration;

/// <summary>The <c>app</c> section, read once at start.</summary>
internal sealed record AppSettings(
    string SystemName, int Workers, int Producers, TimeSpan ProduceInterval, TimeSpan JobDurationMin, TimeSpan JobDurationMax,
    TimeSpan Cleanup, bool StubbornWorker, TimeSpan MetricsInterval, TimeSpan LedgerFlushInterval, TimeSpan HostShutdownTimeout)
{
    /// <summary>Reads and checks the <c>app</c> section.</summary>
    /// <exception cref="ConfigurationException">A value is malformed or out of range; the message names the key.</exception>
    public static AppSettings From(Config config)
    {
        var app = config.GetConfig("app");
        return new AppSettings(
            app.GetString("system-name"), Positive(app, "workers"), Positive(app, "producers"), Duration(app, "produce-interval"),
            Duration(app, "job-duration-min"), Duration(app, "job-duration-max", min: Duration(app, "job-duration-min")),
            Duration(app, "cleanup", allowZero: true), Bool(app, "stubborn-worker"), Duration(app, "metrics-interval"),
            Duration(app, "ledger-flush-interval"), Duration(app, "host-shutdown-timeout"));
    }

    private static int Positive(Config app, string key)
    {
        var text = app.GetString(key);
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1)
            throw new ConfigurationException($"app.{key} must be a whole number of at least 1, not '{text}'");
        return value;
    }

    private static TimeSpan Duration(Config app, string key, bool allowZero = false, TimeSpan? min = null)
    {
        var text = app.GetString(key);
        if (!Durations.TryParse(text, out var value) || value < TimeSpan.Zero || (value == TimeSpan.Zero && !allowZero))
            throw new ConfigurationException($"app.{key} must be a {(allowZero ? "" : "positive ")}duration such as 500ms or 2s, not '{text}'");
        if (value < min) throw new ConfigurationException($"app.{key} ({text}) must not be shorter than app.job-duration-min");
        return value;
    }

    private static bool Bool(Config app, string key)
    {
        var text = app.GetString(key);
        return text switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw new ConfigurationException($"app.{key} must be on or off, not '{text}'"),
        };
    }
}
