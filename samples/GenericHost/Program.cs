using ActorShutdown;
using ActorShutdown.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The actor system inside a .NET Generic Host. Ctrl+C or SIGTERM stops the host, and the host's stop runs the
// coordinated shutdown (reason host-stopping) within the host's ShutdownTimeout.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));   // deadline: 18 s
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddActorSystem("orders", actors => actors
    .AddHocon("""
        actors.shutdown-guardian {
          shielded-paths = ["/user/audit"]   # drains its queue, never cancelled
          excluded-paths = ["/user/health"]  # left alone until the system stops
        }
        """)
    .WithActors((system, services) =>
    {
        var audit = system.ActorOf(Props.Create<Audit>(), "audit");
        system.ActorOf(Props.Create<Health>(), "health");
        system.ActorOf(Props.Create(() => new OrderWorker(audit, services.GetRequiredService<TimeProvider>())), "orders");
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-intake",
            _ => Task.CompletedTask);   // e.g. stop listening for new orders
    }));

using var host = builder.Build();
await host.RunAsync();
// Environment.ExitCode now holds the shutdown report's exit code (0 clean, 3 not clean).

internal sealed record Order(int Id);

internal sealed class OrderWorker : ReceiveActor
{
    public OrderWorker(IActorRef audit, TimeProvider time)
    {
        ReceiveAsync<Order>(async order =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, Context.CancellationToken);
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
