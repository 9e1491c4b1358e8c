namespace ActorShutdown.Samples.Cluster;

/// <summary>
/// The nodes' shared record of what happened, one line per event ("&lt;node&gt; &lt;event&gt;"), appended to one file by
/// every process: the file's order is the order of the events across processes.
/// </summary>
internal static class Events
{
    private static readonly Lock Gate = new();

    public static string File { get; set; } = "";

    public static string Node { get; set; } = "";

    public static void Record(string what)
    {
        // One short append per line: O_APPEND writes of a line each do not interleave between processes.
        lock (Gate) System.IO.File.AppendAllText(File, $"{Node} {what}\n");
    }
}
