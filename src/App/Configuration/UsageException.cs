namespace ActorShutdown.App.Configuration;

/// <summary>A mistake on the command line: one line naming the option and what is wrong, exit code 2.</summary>
internal sealed class UsageException(string option, string problem) : Exception($"{option}: {problem}")
{
    public string Option { get; } = option;
}
