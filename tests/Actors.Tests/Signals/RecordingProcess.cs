using System.Collections.Concurrent;

namespace ActorShutdown.Tests.Signals;

/// <summary>A <see cref="ProcessControl"/> that records what would have been done to the process, and does none of it.</summary>
internal sealed class RecordingProcess : ProcessControl
{
    private readonly ConcurrentQueue<string> _actions = new();
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringWriter _error = new();

    /// <summary>What was done, in order: "code 70", "exit 70", "hard 130".</summary>
    public IReadOnlyList<string> Actions => [.. _actions];

    /// <summary>The first exit, as "exit n" or "hard n".</summary>
    public Task<string> Exited => _exited.Task;

    /// <summary>The lines written to stderr.</summary>
    public IReadOnlyList<string> ErrorLines => _error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    internal override TextWriter Error => _error;

    internal override void SetExitCode(int exitCode) => _actions.Enqueue($"code {exitCode}");

    internal override void Exit(int exitCode) => Record($"exit {exitCode}");

    internal override void ExitHard(int exitCode) => Record($"hard {exitCode}");

    private void Record(string action)
    {
        _actions.Enqueue(action);
        _exited.TrySetResult(action);
    }
}
