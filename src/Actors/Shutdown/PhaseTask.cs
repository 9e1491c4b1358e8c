namespace ActorShutdown;

/// <summary>
/// A task added to a phase with <see cref="CoordinatedShutdown.AddTask"/>, and the handle that
/// removes it again. Each call gets its own instance, so equal names never get mixed up.
/// </summary>
internal sealed class PhaseTask : IDisposable
{
    private readonly Action<PhaseTask> _remove;

    internal PhaseTask(int phaseIndex, string name, Func<CancellationToken, Task> run, Action<PhaseTask> remove)
    {
        PhaseIndex = phaseIndex;
        Name = name;
        Run = run;
        _remove = remove;
    }

    /// <summary>The position of its phase in the running order.</summary>
    internal int PhaseIndex { get; }

    /// <summary>The name it was added with.</summary>
    internal string Name { get; }

    /// <summary>The work; the token is cancelled when the phase times out.</summary>
    internal Func<CancellationToken, Task> Run { get; }

    /// <summary>Removes the task from its phase, if that phase has not started yet. Idempotent.</summary>
    public void Dispose() => _remove(this);
}
