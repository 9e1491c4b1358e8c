using System.Diagnostics;
using System.Globalization;

namespace ActorShutdown.Coordination.Tests.Support;

/// <summary>One line of a holder's log: "&lt;UTC time&gt; &lt;EVENT&gt; [detail]".</summary>
public sealed record HolderEvent(DateTimeOffset At, string What, string Detail)
{
    public static HolderEvent? Parse(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return null;
        return new HolderEvent(at, parts[1], parts.Length > 2 ? parts[2] : "");
    }

    public override string ToString() => $"{At:HH:mm:ss.fffffff} {What} {Detail}";
}

/// <summary>A running tests/LeaseHolder process: its events as they come, signals, and its exit.</summary>
public sealed class HolderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<HolderEvent> _events = [];
    private readonly List<(Predicate<HolderEvent> Match, TaskCompletionSource<HolderEvent> Seen, string What)> _waiters = [];
    private readonly List<string> _errors = [];
    private bool _exited;   // guarded by _gate

    private HolderProcess(string name, IEnumerable<string> arguments)
    {
        Name = name;
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "ActorShutdown.LeaseHolder.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.Exited += (_, _) => OnExited();
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) lock (_gate) _errors.Add(line.Data);
        };
    }

    public string Name { get; }

    public int Id => _process.Id;

    public IReadOnlyList<HolderEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    public static HolderProcess Start(string owner, IEnumerable<string> arguments)
    {
        var holder = new HolderProcess(owner, ["--owner", owner, .. arguments]);
        holder._process.Start();
        holder._process.BeginOutputReadLine();
        holder._process.BeginErrorReadLine();
        return holder;
    }

    public Task<HolderEvent> WaitFor(string what, string? detail = null, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource<HolderEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Predicate<HolderEvent> match = e => e.What == what && (detail is null || e.Detail == detail);
        lock (_gate)
        {
            if (_events.Find(match) is { } already) return Task.FromResult(already);
            if (_exited) return Task.FromException<HolderEvent>(Gone($"{what} {detail}"));
            _waiters.Add((match, seen, $"{what} {detail}"));
        }
        return Within(seen.Task, timeout ?? TimeSpan.FromSeconds(60), $"{Name}: {what} {detail}");
    }

    /// <summary>SIGTERM, as a service manager stops a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process dies at once, without a chance to release anything.</summary>
    public void Kill() => _process.Kill();

    public async Task<int> WaitForExit(TimeSpan? timeout = null)
    {
        await Within(_process.WaitForExitAsync(), timeout ?? TimeSpan.FromSeconds(60), $"{Name} to exit");
        _process.WaitForExit();   // drains the output
        return _process.ExitCode;
    }

    public string Transcript()
    {
        lock (_gate) return $"{Name}:\n  " + string.Join("\n  ", _events.Select(e => e.ToString()).Concat(_errors.Select(e => "stderr: " + e)));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>A process that exits fails what is still awaited of it at once, with its transcript.</summary>
    private void OnExited()
    {
        _process.WaitForExit();   // drains the output: an event logged just before the exit is not missed
        List<(Predicate<HolderEvent> Match, TaskCompletionSource<HolderEvent> Seen, string What)> waiting;
        lock (_gate)
        {
            _exited = true;
            waiting = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var waiter in waiting) waiter.Seen.TrySetException(Gone(waiter.What));
    }

    private InvalidOperationException Gone(string what) =>
        new($"{Name} exited with {_process.ExitCode} before {what}.\n{Transcript()}");

    private void OnLine(string? line)
    {
        if (line is null || HolderEvent.Parse(line) is not { } e) return;
        List<TaskCompletionSource<HolderEvent>> done;
        lock (_gate)
        {
            _events.Add(e);
            done = [.. _waiters.Where(w => w.Match(e)).Select(w => w.Seen)];
            _waiters.RemoveAll(w => w.Match(e));
        }
        foreach (var seen in done) seen.TrySetResult(e);
    }

    private async Task<T> Within<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {what}.\n{Transcript()}");
        }
    }

    private async Task Within(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {what}.\n{Transcript()}");
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
