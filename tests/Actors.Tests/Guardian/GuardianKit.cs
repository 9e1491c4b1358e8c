using Akka.Actor;
using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Guardian;

/// <summary>
/// A ShutdownTestKit with short, round timings: attempts each second, three of them, escalation two seconds later,
/// and phase timeouts long enough for that schedule.
/// </summary>
public abstract class GuardianKit(string? hocon = null) : ShutdownTestKit($$"""
    akka.coordinated-shutdown.phases {
      service-requests-done.timeout = 10s
      service-stop.timeout = 20s
      actor-system-terminate.timeout = 2s
    }
    akka.shutdown-guardian {
      cancel-interval = 1s
      max-cancel-attempts = 3
      escalation-timeout = 2s
    }
    {{hocon}}
    """)
{
    protected static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Starts an actor and waits until it runs, so the scope sees it started.</summary>
    protected IActorRef Start(Props props, string name)
    {
        var actor = Sys.ActorOf(props, name);
        actor.Tell(new Identify(name), TestActor);
        ExpectMsg<ActorIdentity>(i => Equals(i.MessageId, name));
        return actor;
    }

    protected ActorOutcome Outcome(ShutdownReport report, IActorRef actor) =>
        report.For(actor) ?? throw new Xunit.Sdk.XunitException($"{actor.Path} is not in the report:\n{report}");
}
