using Akka.Actor;
using Akka.Routing;

namespace ActorShutdown.Tests.Guardian;

/// <summary>What the scope takes, and how: routers, Akka's machinery by type, many actors.</summary>
public sealed class ScopeTests() : GuardianKit("""akka.shutdown-guardian.excluded-types = ["ActorShutdown.Tests.Guardian.ScopeTests+Machinery"]""")
{
    [Fact]
    public async Task A_pool_routers_routees_are_cancelled_one_by_one_and_the_router_is_never_sent_cancel()
    {
        var router = Start(Idle.Props.WithRouter(new RoundRobinPool(3)), "pool");

        var report = await RunShutdown();

        var routees = report.Actors.Where(a => a.Path.StartsWith("/user/pool/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, routees.Count);
        Assert.All(routees, r => Assert.Equal((ActorFate.Stopped, 1), (r.Fate, r.CancelAttempts)));
        Assert.Equal((ActorFate.Stopped, 0), (Outcome(report, router).Fate, Outcome(report, router).CancelAttempts));
        Assert.True(report.Clean, report.ToString());
    }

    [Fact]
    public async Task An_actor_of_an_excluded_type_is_excluded_with_its_subtree()
    {
        var machinery = Start(Props.Create(() => new Machinery()), "machinery");

        var report = await RunShutdown();

        Assert.Equal((true, 0), (Outcome(report, machinery).Excluded, Outcome(report, machinery).CancelAttempts));
        Assert.Equal(0, report.Actors.Single(a => a.Path == "/user/machinery/a").CancelAttempts);
    }

    [Fact]
    public async Task Ten_thousand_idle_actors_are_each_cancelled_once_and_all_accounted_for()
    {
        for (var i = 0; i < 10_000; i++) Sys.ActorOf(Idle.Props, $"idle-{i}");
        Start(Idle.Props, "last");

        var report = await RunShutdown();

        Assert.Equal(10_001, report.Actors.Count);
        Assert.All(report.Actors, a => Assert.Equal((ActorFate.Stopped, 1), (a.Fate, a.CancelAttempts)));
        Assert.Equal(10_001, Guardian.Progress.CancelRequestsSent);
        Assert.Equal(0, Guardian.Progress.ActorsLeft);
    }

    public sealed class Machinery : UntypedActor
    {
        public Machinery() => Context.ActorOf(Idle.Props, "a");

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
