using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Cancellation;

/// <summary>Base for the cancellation tests: a TestKit with a reason and helpers to request and to watch.</summary>
public abstract class CancellationTestKit(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    protected static readonly CoordinatedShutdown.Reason Reason = CoordinatedShutdown.UnknownReason.Instance;

    protected static int Request(IActorRef actor) => ActorCancellation.Request(actor, Reason);

    /// <summary>A probe watching <paramref name="actor"/>, to expect its termination.</summary>
    protected TestProbe Watching(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        return watcher;
    }
}

/// <summary>What an actor reports about the token it read.</summary>
public sealed record TokenSeen(string Where, bool Tripped);

/// <summary>What an actor reports when it handles a <see cref="Cancel"/>.</summary>
public sealed record CancelSeen(int Attempt, CoordinatedShutdown.Reason Reason, bool Tripped);
