using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Xunit.Abstractions;

namespace ActorShutdown.App.Tests;

/// <summary>
/// The built App, run as <c>dotnet ActorShutdown.App.dll …</c> with its output captured line by line. Every wait is
/// bounded; disposing kills the process if it still runs and writes its output to the test's log.
/// </summary>
internal sealed partial class AppProcess : IDisposable
{
    /// <summary>A bound for waits that only a hang can exhaust (the machine may be slow and shared).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly ITestOutputHelper _log;
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SemaphoreSlim _changed = new(0);

    private AppProcess(ITestOutputHelper log, IEnumerable<string> args)
    {
        _log = log;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,   // and closed at once: the App must not need a terminal or stdin
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Add(e.Data, "");
        _process.ErrorDataReceived += (_, e) => Add(e.Data, "stderr: ");
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        CommandLine = string.Join(' ', ["dotnet", .. start.ArgumentList]);
    }

    public static string AppDll => Metadata("AppDll");

    public string CommandLine { get; }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines.Select(l => l.Line));
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines.Select(l => l.Line)];
        }
    }

    public static AppProcess Start(ITestOutputHelper log, params string[] args)
    {
        Assert.True(File.Exists(AppDll), $"The App is not built at {AppDll}");
        return new AppProcess(log, args);
    }

    /// <summary>Waits for a line that matches; fails the test (with the output so far) if none comes in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var deadline = _clock.Elapsed + Patience;
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (match(lines[seen])) return lines[seen];
            }
            var left = deadline - _clock.Elapsed;
            if (_process.HasExited)
            {
                _process.WaitForExit();   // the rest of its output
                if (Lines.Skip(seen).FirstOrDefault(match) is { } late) return late;
                Assert.Fail($"No line {what} came before the App exited with {_process.ExitCode}. Output:\n{Output}");
            }
            if (left <= TimeSpan.Zero) Assert.Fail($"No line {what} came within {Patience}. Output:\n{Output}");
            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for the process to exit (and its output to end); fails the test if it does not in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var cancel = new CancellationTokenSource(within ?? Patience);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The App did not exit within {within ?? Patience}. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>The lines written to stderr.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Lines.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).Select(l => l["stderr: ".Length..])];

    /// <summary>Sends SIGINT (2) or SIGTERM (15).</summary>
    public void Signal(PosixSignal signal)
    {
        var number = signal == PosixSignal.SIGINT ? 2 : signal == PosixSignal.SIGTERM ? 15 : throw new ArgumentOutOfRangeException(nameof(signal));
        _log.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.000}s] sending {signal}");
        Assert.Equal(0, Kill(_process.Id, number));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        _log.WriteLine($"$ {CommandLine}");
        lock (_lines)
        {
            foreach (var (at, line) in _lines) _log.WriteLine($"[{at.TotalSeconds:0.000}s] {line}");
        }
        _process.Dispose();
        _changed.Dispose();
    }

    private void Add(string? line, string prefix)
    {
        if (line is null) return;
        lock (_lines) _lines.Add((_clock.Elapsed, prefix + line));
        _changed.Release();
    }

    private static string Metadata(string key) =>
        typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
