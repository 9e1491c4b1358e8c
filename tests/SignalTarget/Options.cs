namespace ActorShutdown.SignalTarget;

/// <summary>The command line: a marker file, then options.</summary>
internal sealed record Options(string MarkerFile, bool ExitProcess, bool FailTask, string CancelInterval, bool ReturnOnInput)
{
    public static Options Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("usage: ActorShutdown.SignalTarget <marker-file> [--exit-process] [--fail-task] [--cancel-interval <duration>] [--return-on-input]");
        var options = new Options(args[0], ExitProcess: false, FailTask: false, CancelInterval: "50ms", ReturnOnInput: false);
        for (var i = 1; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--exit-process" => options with { ExitProcess = true },
                "--fail-task" => options with { FailTask = true },
                "--return-on-input" => options with { ReturnOnInput = true },
                "--cancel-interval" when i + 1 < args.Length => options with { CancelInterval = args[++i] },
                _ => throw new ArgumentException($"Unknown or incomplete option '{args[i]}'."),
            };
        }
        return options;
    }
}
