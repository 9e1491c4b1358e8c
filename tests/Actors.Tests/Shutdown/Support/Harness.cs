using ActorShutdown.TestKit;

namespace ActorShutdown.Tests.Shutdown.Support;

/// <summary>Builds CoordinatedShutdowns on a manual clock with a capturing logger, and the phases they run.</summary>
internal sealed class Harness
{
    /// <summary>How long a test waits for something that should happen promptly: a hang guard, never a measurement.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Infinite = Timeout.InfiniteTimeSpan;

    public ManualTime Time { get; } = new();

    public ListLogger Log { get; } = new();

    public CoordinatedShutdown Create(IReadOnlyList<PhaseDefinition> phases, TimeSpan? deadline = null, TimeProvider? time = null) =>
        new(phases, deadline, time ?? Time, Log);

    /// <summary>Phases each depending on the one before, 5 s each, recovering.</summary>
    public CoordinatedShutdown Chain(params string[] names) => Create(ChainOf(names));

    public static PhaseDefinition Phase(string name, TimeSpan? timeout = null, bool recover = true, params string[] dependsOn) =>
        new(name, dependsOn, timeout ?? TimeSpan.FromSeconds(5), recover);

    public static IReadOnlyList<PhaseDefinition> ChainOf(params string[] names) =>
        names.Select((name, i) => Phase(name, dependsOn: i == 0 ? [] : [names[i - 1]])).ToList();

    /// <summary>The default phases of reference.conf (DESIGN §6).</summary>
    public static IReadOnlyList<PhaseDefinition> Defaults() =>
    [
        Phase(CoordinatedShutdown.PhaseBeforeServiceUnbind),
        Phase(CoordinatedShutdown.PhaseServiceUnbind, dependsOn: [CoordinatedShutdown.PhaseBeforeServiceUnbind]),
        Phase(CoordinatedShutdown.PhaseServiceRequestsDone, TimeSpan.FromSeconds(15), dependsOn: [CoordinatedShutdown.PhaseServiceUnbind]),
        Phase(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromSeconds(30), dependsOn: [CoordinatedShutdown.PhaseServiceRequestsDone]),
        Phase(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, dependsOn: [CoordinatedShutdown.PhaseServiceStop]),
        Phase(CoordinatedShutdown.PhaseActorSystemTerminate, TimeSpan.FromSeconds(10), dependsOn: [CoordinatedShutdown.PhaseBeforeActorSystemTerminate]),
    ];

    public static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that reports its start and then runs until its token is cancelled.</summary>
    public static Func<CancellationToken, Task> Hanging(TaskCompletionSource started) => async token =>
    {
        started.TrySetResult();
        await Task.Delay(Infinite, token);
    };

    public static Func<CancellationToken, Task> Noop { get; } = _ => Task.CompletedTask;
}
