using Akka.Configuration;

namespace ActorShutdown.App.Configuration;

/// <summary>The App's configuration: <c>app.conf</c> next to the binary, with the <c>--set</c> overrides on top.</summary>
internal static class AppConfig
{
    /// <summary>The path of <c>app.conf</c>.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "app.conf");

    /// <summary>Reads <c>app.conf</c> and applies <paramref name="overrides"/> (already checked), later ones winning.</summary>
    public static Config Load(IEnumerable<Setting> overrides)
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(FilePath));
        foreach (var setting in overrides) config = setting.Config.WithFallback(config);
        return config;
    }
}

/// <summary>One <c>--set key=value</c>, parsed.</summary>
internal sealed record Setting(string Key, string Value, Config Config);
