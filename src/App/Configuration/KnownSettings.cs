using Akka.Configuration;

namespace ActorShutdown.App.Configuration;

/// <summary>Every key <c>--set</c> may name: <c>app.conf</c>, the library's <c>reference.conf</c>, and Akka's defaults.</summary>
internal static class KnownSettings
{
    public static Config Load()
    {
        // The library embeds its reference.conf; reading the resource keeps the App on the public API.
        using var stream = typeof(ShutdownGuardian).Assembly.GetManifestResourceStream("ActorShutdown.reference.conf")
            ?? throw new InvalidOperationException("ActorShutdown.reference.conf is not embedded in ActorShutdown.dll.");
        using var reader = new StreamReader(stream);
        return AppConfig.Load([]).WithFallback(ConfigurationFactory.ParseString(reader.ReadToEnd())).WithFallback(ConfigurationFactory.Default());
    }
}
