using Akka.Configuration;

namespace ActorShutdown;

/// <summary>The library's defaults, <c>hocon/reference.conf</c>, embedded in this assembly.</summary>
internal static class ReferenceConfig
{
    private static readonly Lazy<Config> Config = new(() =>
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream("ActorShutdown.reference.conf")
            ?? throw new InvalidOperationException("ActorShutdown.reference.conf is not embedded in the ActorShutdown assembly.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    internal static Config Load() => Config.Value;
}
