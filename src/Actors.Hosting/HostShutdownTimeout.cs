using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActorShutdown.Hosting;

/// <summary>
/// The host's <see cref="HostOptions.ShutdownTimeout"/>, read from the service collection before the container can be
/// asked. Akka reads its phase timeouts when the actor system starts, so the HOCON that fits them to the host's timeout
/// must be added while <c>AddAkka</c>'s builder runs, and that builder gets no service provider. The host's own
/// <c>HostOptions</c> setup (<c>Configure</c>, <c>Bind</c>, and the Generic Host's reading of
/// <c>shutdownTimeoutSeconds</c>) registers option instances, which are applied here in order; an option set up from
/// other services cannot be, and <see cref="HostedGuardian"/> warns at start when the real value differs.
/// </summary>
internal static class HostShutdownTimeout
{
    internal static TimeSpan Of(IServiceCollection services)
    {
        var options = new HostOptions();
        foreach (var descriptor in services)
        {
            if (descriptor.IsKeyedService) continue;
            if (descriptor.ImplementationInstance is IConfigureOptions<HostOptions> configure) configure.Configure(options);
        }
        foreach (var descriptor in services)
        {
            if (descriptor.IsKeyedService) continue;
            if (descriptor.ImplementationInstance is IPostConfigureOptions<HostOptions> post) post.PostConfigure(Options.DefaultName, options);
        }
        return options.ShutdownTimeout;
    }
}
