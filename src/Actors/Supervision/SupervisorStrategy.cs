namespace ActorShutdown;

/// <summary>How a parent handles the failures of its children.</summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy() { }

    /// <summary>
    /// One-for-one, unlimited restarts: <see cref="ActorKilledException"/>, <see cref="DeathPactException"/> and
    /// <see cref="ActorInitializationException"/> stop the child; any other exception restarts it.
    /// </summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>One-for-one: every failure stops the child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, static _ => Directive.Stop);

    /// <summary>The decider of <see cref="DefaultStrategy"/>.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorKilledException or DeathPactException or ActorInitializationException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The directive for <paramref name="child"/>, with restart limits applied.</summary>
    internal abstract Directive Decide(ActorCell child, Exception cause, DateTimeOffset now);
}
