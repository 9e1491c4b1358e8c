using ActorShutdown.App.Terminal;
using ActorShutdown.Configuration;
using ActorShutdown.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.App.Service;

/// <summary>The Generic Host the App's service (and its <c>plan</c>) runs in.</summary>
internal static class AppHost
{
    /// <summary>
    /// A host with the App's actor system (configured from <paramref name="config"/>), logging one line per
    /// message through <paramref name="ui"/>, and a ShutdownTimeout from <c>app.host-shutdown-timeout</c>.
    /// </summary>
    public static IHost Build(Config config, AppSettings settings, ConsoleUi ui, bool verbose, Action<ActorSystem, IServiceProvider> start)
    {
        // No defaults: no appsettings.json, environment or console logger; the host's console lifetime
        // (SIGINT, SIGTERM and SIGQUIT stop it) is still there.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new UiLoggerProvider(ui));
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.HostShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddActorSystem(settings.SystemName, actors => actors.AddConfig(config).WithActors(start));
        return builder.Build();
    }
}
