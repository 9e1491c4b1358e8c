namespace ActorShutdown.App.Terminal;

/// <summary>
/// The App's output. In a terminal it keeps one status line at the bottom, rewritten in place, with the
/// permanent lines scrolling above it; when stdout is redirected (a pipe, a file, CI) there is no status
/// line and the caller prints plain lines instead (see <see cref="Live"/>).
/// </summary>
internal sealed class ConsoleUi
{
    private const string ClearLine = "\r\u001b[2K";
    private readonly Lock _lock = new();
    private readonly TextWriter _out;
    private string? _status;

    public ConsoleUi(TextWriter? output = null, bool? live = null)
    {
        _out = output ?? Console.Out;
        Live = live ?? (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb");
    }

    /// <summary>Whether a status line is shown (stdout is a terminal).</summary>
    public bool Live { get; }

    /// <summary>Writes a permanent line (above the status line, when there is one).</summary>
    public void WriteLine(string line = "")
    {
        lock (_lock)
        {
            if (Live && _status is not null) _out.Write(ClearLine);
            _out.WriteLine(line);
            if (Live && _status is not null) _out.Write(Fit(_status));
            _out.Flush();
        }
    }

    /// <summary>Replaces the status line (a no-op when not <see cref="Live"/>).</summary>
    public void Status(string status)
    {
        if (!Live) return;
        lock (_lock)
        {
            _status = status;
            _out.Write(ClearLine + Fit(status));
            _out.Flush();
        }
    }

    /// <summary>Removes the status line.</summary>
    public void ClearStatus()
    {
        lock (_lock)
        {
            if (Live && _status is not null)
            {
                _out.Write(ClearLine);
                _out.Flush();
            }
            _status = null;
        }
    }

    /// <summary>Cuts a status to the terminal's width, so that it never wraps (a wrapped line cannot be rewritten).</summary>
    private static string Fit(string status)
    {
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0;
        }
        return width > 1 && status.Length >= width ? status[..(width - 2)] + "…" : status;
    }
}
