using ActorShutdown;
using ActorShutdown.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The actor system inside a .NET Generic Host, with Akka.Hosting. Ctrl+C or SIGTERM stops the host, and the host's
// stop runs the coordinated shutdown within the host's ShutdownTimeout.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));   // deadline: 18 s
builder.Services.AddHealthChecks();   // readiness (tag "ready") turns unhealthy the moment the shutdown starts
builder.Services.AddAkka("orders", akka => akka
    .WithShutdownGuardian(options =>
    {
        options.ShieldedPaths.Add("/user/audit");    // drains its queue, never cancelled
        options.ExcludedPaths.Add("/user/health");   // left alone until the system stops
        options.CancelInterval = TimeSpan.FromMilliseconds(500);
    })
    .WithActors((system, _) =>
    {
        var audit = system.ActorOf(Props.Create<Audit>(), "audit");
        system.ActorOf(Props.Create<Health>(), "health");
        system.ActorOf(Props.Create(() => new OrderWorker(audit)), "orders");
        ShutdownGuardian.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-intake",
            _ => Task.CompletedTask);   // e.g. stop listening for new orders
    }));

using var host = builder.Build();
await host.RunAsync();
// Environment.ExitCode now holds the shutdown report's exit code (0 clean, 70 not clean).

internal sealed record Order(int Id);

internal sealed class OrderWorker : CancellableReceiveActor
{
    public OrderWorker(IActorRef audit)
    {
        ReceiveAsync<Order>(async order =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Context.CancellationToken);
            audit.Tell($"order {order.Id} placed");
        });
        // No Cancel handler: a cancel request interrupts the await above and stops the actor.
    }
}

internal sealed class Audit : ReceiveActor
{
    public Audit() => Receive<string>(Console.WriteLine);
}

internal sealed class Health : ReceiveActor
{
    public Health() => ReceiveAny(_ => Sender.Tell("ok"));
}
