using System.Diagnostics;
using System.Threading.Channels;

namespace ActorShutdown.App.Scenarios;

/// <summary>This program started again as a child process, its output read line by line.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly List<string> _consumed = [];   // the lines the waits have read (and echoed), in order
    private int _streamsEnded;

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string CommandLine { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines read so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_seen) return [.. _seen];
        }
    }

    /// <summary>Starts this program (as <c>dotnet app.dll</c> or as its own executable, however it was started) with <paramref name="args"/>.</summary>
    public static ChildProcess StartSelf(IReadOnlyList<string> args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new ChildProcess(new Process { StartInfo = start }, string.Join(' ', [start.FileName, .. start.ArgumentList]));
    }

    /// <summary>
    /// Reads (and echoes) lines until <paramref name="count"/> of the lines read so far, since the start, contain
    /// <paramref name="marker"/>. False when the time runs out or the process ends first.
    /// </summary>
    public async Task<bool> WaitForLinesAsync(string marker, int count, TimeSpan timeout, Action<string> echo)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (_consumed.Count(l => l.Contains(marker, StringComparison.Ordinal)) < count)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
                _consumed.Add(line);
                echo(line);
            }
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Waits for the process to exit and its output to end, echoing the lines left.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, Action<string> echo)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            while (_lines.Reader.TryRead(out var line)) echo(line);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process (and its children) if it still runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            // stdout and stderr both ended: the process is gone.
            if (Interlocked.Increment(ref _streamsEnded) == 2) _lines.Writer.TryComplete();
            return;
        }
        lock (_seen) _seen.Add(line);
        _lines.Writer.TryWrite(line);
    }
}
