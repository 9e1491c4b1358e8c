namespace ActorShutdown;

/// <summary>How to create an actor: its factory and, optionally, the strategy it supervises its children with.</summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? supervisorStrategy)
    {
        Factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
    }

    internal Func<ActorBase> Factory { get; }

    internal Type ActorType { get; }

    internal SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props that create the actor with its parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(static () => new TActor(), typeof(TActor), null);

    /// <summary>Props that create the actor with <paramref name="factory"/>; it is called again on every restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(factory, typeof(TActor), null);
    }

    /// <summary>A copy that makes the actor supervise its children with <paramref name="strategy"/> (overriding <see cref="ActorBase.SupervisorStrategy"/>).</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(Factory, ActorType, strategy);
    }

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name})";
}
