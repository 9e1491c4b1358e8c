using ActorShutdown.App.Configuration;
using ActorShutdown.App.Terminal;
using ActorShutdown.Hosting;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.App.Service;

/// <summary>The Generic Host the App's service (and its <c>plan</c>) runs in: Akka.Hosting with the shutdown guardian.</summary>
internal static class AppHost
{
    /// <summary>
    /// A host with the App's actor system (configured from <paramref name="config"/>), logging one line per message
    /// through <paramref name="ui"/>, and a ShutdownTimeout from <c>app.host-shutdown-timeout</c>.
    /// </summary>
    public static IHost Build(Config config, AppSettings settings, ConsoleUi ui, bool verbose, Action<ActorSystem> start)
    {
        // No defaults: no appsettings.json, environment or console logger; the host's console lifetime (SIGINT,
        // SIGTERM and SIGQUIT stop it) is still there.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new UiLoggerProvider(ui));
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.HostShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddHealthChecks();
        builder.Services.AddAkka(settings.SystemName, akka => akka
            .AddHocon(config, HoconAddMode.Prepend)
            .WithShutdownGuardian()
            .WithActors((system, _) => start(system)));
        return builder.Build();
    }

    /// <summary>
    /// Checks the configuration the way the host will use it, without starting anything: resolving Akka.Hosting's
    /// builder runs <c>WithShutdownGuardian</c>, which validates every <c>akka.shutdown-guardian</c> key and the phases.
    /// </summary>
    /// <exception cref="ConfigurationException">A value is invalid; the message names the key.</exception>
    public static void Check(IHost host) => host.Services.GetRequiredService<AkkaConfigurationBuilder>();
}
