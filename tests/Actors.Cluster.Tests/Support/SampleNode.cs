using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorShutdown.Cluster.Tests.Support;

/// <summary>One process of samples/Cluster: its stdout lines as they come, SIGTERM, and its exit.</summary>
public sealed class SampleNode : IDisposable
{
    private const int SIGTERM = 15;

    private static readonly string SamplePath = typeof(SampleNode).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClusterSamplePath").Value!;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleNode(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The lines the node printed so far.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int ExitCode => _process.ExitCode;

    public static SampleNode Start(string name, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SamplePath);
        start.ArgumentList.Add("--name");
        start.ArgumentList.Add(name);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {SamplePath}");
        var node = new SampleNode(name, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The port the node printed as "address &lt;port&gt;", once it has.</summary>
    public string? Port => Lines.FirstOrDefault(l => l.StartsWith("address ", StringComparison.Ordinal))?["address ".Length..];

    /// <summary>Writes a line to the node's stdin.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void Terminate()
    {
        if (kill(_process.Id, SIGTERM) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to exit, <paramref name="guard"/> being a failure guard only.</summary>
    public Task WaitForExit(TimeSpan guard) => _process.WaitForExitAsync().WaitAsync(guard);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
