using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// A plain <see cref="ReceiveActor"/> with children: creates those it is given at its start (registering each in the
/// journal), notes each <see cref="Cancel"/> and swallows the first <c>swallow</c>, stopping on the next.
/// </summary>
public sealed class ParentActor : ReceiveActor
{
    private readonly Journal _journal;
    private readonly IReadOnlyList<(string Name, Props Props)> _children;

    public ParentActor(Journal journal, int swallow, IReadOnlyList<(string Name, Props Props)> children)
    {
        _journal = journal;
        _children = children;
        Receive<Cancel>(cancel =>
        {
            journal.Tell(Self, "cancel", cancel.Attempt, cancel.Reason);
            if (cancel.Attempt > swallow) Context.Stop(Self);
        });
    }

    public static Props Props(Journal journal, int swallow, IReadOnlyList<(string Name, Props Props)> children) =>
        Akka.Actor.Props.Create(() => new ParentActor(journal, swallow, children));

    protected override void PreStart()
    {
        foreach (var (name, props) in _children) _journal.Register(Context.ActorOf(props, name));
        _journal.Tell(Self, "started");
    }

    protected override void PostStop() => _journal.Tell(Self, "stopped");
}
