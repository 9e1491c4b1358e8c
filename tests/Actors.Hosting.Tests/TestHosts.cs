using ActorShutdown.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Hosting.Tests;

/// <summary>Generic Hosts running an actor system with the guardian, as a service would.</summary>
internal static class TestHosts
{
    /// <summary>
    /// A host with <paramref name="shutdownTimeout"/>, health checks, and the system <c>test</c> configured by
    /// <paramref name="hocon"/> then <c>WithShutdownGuardian(configure)</c>, starting <paramref name="actors"/>.
    /// </summary>
    public static IHost Build(TimeSpan shutdownTimeout, Action<ActorSystem>? actors = null, Action<ShutdownGuardianOptions>? configure = null,
        string hocon = "", ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        builder.Services.AddHealthChecks();
        builder.Services.AddAkka("test", akka => akka
            .AddHocon($"akka.log-dead-letters = 0\n{hocon}", HoconAddMode.Prepend)
            .WithShutdownGuardian(configure)
            .WithActors((system, _) => actors?.Invoke(system)));
        return builder.Build();
    }

    public static ActorSystem System(this IHost host) => host.Services.GetRequiredService<ActorSystem>();

    public static ShutdownGuardian Guardian(this IHost host) => ShutdownGuardian.Get(host.System());
}

/// <summary>Stops at the first cancel request.</summary>
internal sealed class Cooperative : ReceiveActor
{
    public Cooperative()
    {
        Receive<string>(_ => { });
        Receive<Cancel>(_ => Context.Stop(Self));
    }
}

/// <summary>Ignores every cancel request (it handles Cancel and carries on), but Akka's Stop still stops it.</summary>
internal sealed class IgnoresCancel : ReceiveActor
{
    public IgnoresCancel() => Receive<Cancel>(_ => { });
}

/// <summary>Blocks its thread on the gate when told anything: neither a cancel request nor Stop can reach it.</summary>
internal sealed class Stuck : ReceiveActor
{
    public Stuck(ManualResetEventSlim gate, ManualResetEventSlim blocked) => ReceiveAny(_ =>
    {
        blocked.Set();
        gate.Wait();
    });
}
