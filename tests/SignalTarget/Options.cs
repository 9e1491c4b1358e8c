namespace ActorShutdown.SignalTarget;

/// <summary>The command line (see Program.cs).</summary>
internal sealed record Options(IReadOnlyList<string> Settings, bool Resist, bool Block, bool TerminateOnInput, bool ReturnOnInput)
{
    public const string Usage =
        "usage: ActorShutdown.SignalTarget [--set <key>=<value>]... [--resist] [--block] [--terminate-on-input | --return-on-input]";

    public static Options Parse(string[] args)
    {
        var options = new Options([], Resist: false, Block: false, TerminateOnInput: false, ReturnOnInput: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--set" when i + 1 < args.Length => options with { Settings = [.. options.Settings, args[++i]] },
                "--resist" => options with { Resist = true },
                "--block" => options with { Block = true },
                "--terminate-on-input" => options with { TerminateOnInput = true },
                "--return-on-input" => options with { ReturnOnInput = true },
                _ => throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. {Usage}"),
            };
        }
        return options;
    }
}
