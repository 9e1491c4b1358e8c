using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit.Sdk;

namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The SignalTarget program (tests/SignalTarget) running as a child process: its stdout and stderr captured line by
/// line, and signals sent to it. Every wait is bounded by <see cref="Guard"/>; disposing kills the process if it still
/// runs. Failure messages carry what the process printed.
/// </summary>
internal sealed class SignalTargetProcess : IDisposable
{
    /// <summary>How long a wait on the child may take before the test fails: a hang guard, never a measurement.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private TaskCompletionSource _printed = NewPulse();
    private bool _stdoutClosed;

    private SignalTargetProcess(Process process) => _process = process;

    /// <summary>What the program has written to stderr so far.</summary>
    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_gate) return [.. _stderr];
        }
    }

    /// <summary>What the program has written to stdout so far.</summary>
    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_gate) return [.. _stdout];
        }
    }

    /// <summary>Starts the program with its options (see tests/SignalTarget/Program.cs) and waits until it prints "ready".</summary>
    public static async Task<SignalTargetProcess> StartAsync(params string[] options)
    {
        // Through env(1), which resets the four signals to their default action: a process started in the background
        // of a non-interactive shell inherits SIGINT and SIGQUIT ignored, and the runtime respects an ignored signal
        // (it installs no handler for it), so SIGINT would never arrive (akka-facts §2).
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=HUP,INT,QUIT,TERM");
        start.ArgumentList.Add(DotnetHost());
        start.ArgumentList.Add(ProgramPath());
        foreach (var option in options) start.ArgumentList.Add(option);

        var process = new Process { StartInfo = start };
        var target = new SignalTargetProcess(process);
        process.OutputDataReceived += (_, e) => target.OnLine(e.Data, target._stdout, closes: true);
        process.ErrorDataReceived += (_, e) => target.OnLine(e.Data, target._stderr, closes: false);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await target.WaitForLineAsync("ready");
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Writes a line to the program's stdin.</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Sends a signal (see <see cref="Libc"/>) to the program. env(1) has exec'd it, so its pid is the program's.</summary>
    public void Signal(int signal) => Libc.Kill(_process.Id, signal);

    /// <summary>Waits until the program prints <paramref name="line"/> on stdout (or has printed it already).</summary>
    /// <exception cref="XunitException">The program ended, or <see cref="Guard"/> passed, first.</exception>
    public async Task WaitForLineAsync(string line)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task printed;
            lock (_gate)
            {
                if (_stdout.Contains(line)) return;
                if (_stdoutClosed) throw new XunitException($"The program ended without printing '{line}'.{Describe()}");
                printed = _printed.Task;
            }
            var left = Guard - clock.Elapsed;
            try
            {
                await printed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new XunitException($"The program did not print '{line}' within {Guard}.{Describe()}");
            }
        }
    }

    /// <summary>Waits for the program to exit and returns its exit code.</summary>
    /// <exception cref="XunitException">It did not exit within <see cref="Guard"/>.</exception>
    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            // Also waits for stdout and stderr to reach their end, so every line is in by then.
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"The program did not exit within {Guard}.{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>What the program printed and whether it ended, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine().Append("pid ").Append(_process.Id).Append(", ")
            .AppendLine(_process.HasExited ? $"exited with {_process.ExitCode}" : "still running");
        text.AppendLine("--- stdout:").AppendJoin(Environment.NewLine, Stdout).AppendLine();
        text.AppendLine("--- stderr:").AppendJoin(Environment.NewLine, Stderr);
        return text.ToString();
    }

    /// <summary>Kills the program if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(Guard);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }

    private void OnLine(string? line, List<string> lines, bool closes)
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            if (line is not null) lines.Add(line);
            else if (closes) _stdoutClosed = true;
            pulse = _printed;
            _printed = NewPulse();
        }
        pulse.TrySetResult();
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The dotnet host that runs these tests (set by the SDK), or the one on the PATH.</summary>
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The program's assembly, as built beside the tests (see the test project's SignalTargetPath).</summary>
    private static string ProgramPath()
    {
        var path = typeof(SignalTargetProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SignalTargetPath").Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"The SignalTarget program is not built at {path}; build the solution.", path);
    }
}
