using ActorShutdown.Configuration;

namespace ActorShutdown.App;

/// <summary>The App's configuration: <c>app.conf</c> next to the binary, with <c>--set</c> overrides on top.</summary>
internal static class AppConfig
{
    /// <summary>The path of <c>app.conf</c>.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "app.conf");

    /// <summary>Reads <c>app.conf</c> and applies the overrides, later ones winning (reference.conf not included).</summary>
    /// <exception cref="ConfigurationException">The file or an override is invalid.</exception>
    public static Config Load(IEnumerable<string> overrides)
    {
        var config = ConfigurationFactory.ParseFile(FilePath);
        foreach (var setting in overrides) config = ConfigurationFactory.ParseString(setting).WithFallback(config);
        return config;
    }
}

/// <summary>The <c>app</c> section, read once at start.</summary>
internal sealed record AppSettings(
    string SystemName, int Workers, int Producers, TimeSpan ProduceInterval, TimeSpan JobDurationMin, TimeSpan JobDurationMax,
    TimeSpan Cleanup, bool StubbornWorker, TimeSpan MetricsInterval, TimeSpan LedgerFlushInterval, TimeSpan HostShutdownTimeout)
{
    public static AppSettings From(Config config)
    {
        var app = config.GetConfig("app");
        var settings = new AppSettings(
            app.GetString("system-name"), app.GetInt("workers"), app.GetInt("producers"), app.GetTimeSpan("produce-interval"),
            app.GetTimeSpan("job-duration-min"), app.GetTimeSpan("job-duration-max"), app.GetTimeSpan("cleanup"),
            app.GetBoolean("stubborn-worker"), app.GetTimeSpan("metrics-interval"), app.GetTimeSpan("ledger-flush-interval"),
            app.GetTimeSpan("host-shutdown-timeout"));
        if (settings.Workers < 1) throw new ConfigurationException($"app.workers must be at least 1, found {settings.Workers}");
        if (settings.Producers < 1) throw new ConfigurationException($"app.producers must be at least 1, found {settings.Producers}");
        if (settings.JobDurationMax < settings.JobDurationMin)
            throw new ConfigurationException("app.job-duration-max must not be smaller than app.job-duration-min");
        return settings;
    }
}
