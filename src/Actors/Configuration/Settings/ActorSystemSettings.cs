namespace ActorShutdown.Configuration;

/// <summary>The kernel's settings under <c>actors</c>, read and validated when an actor system is created.</summary>
/// <param name="Throughput"><c>actors.dispatcher.throughput</c>: messages per actor per turn, at least 1.</param>
/// <param name="LogDeadLetters">
/// <c>actors.log-dead-letters</c>: how many dead letters are logged before logging is suspended;
/// 0 when off, <see cref="int.MaxValue"/> when on.
/// </param>
/// <param name="AskTimeout"><c>actors.ask-timeout</c>: greater than zero, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
internal sealed record ActorSystemSettings(int Throughput, int LogDeadLetters, TimeSpan AskTimeout)
{
    /// <summary>Reads the settings from a configuration that has reference.conf as its fallback.</summary>
    public static ActorSystemSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new ActorSystemSettings(
            root.IntAtLeast("actors.dispatcher.throughput", 1),
            ReadLogDeadLetters(root),
            root.PositiveDuration("actors.ask-timeout", allowInfinite: true));
    }

    private static int ReadLogDeadLetters(Config root)
    {
        const string path = "actors.log-dead-letters";
        var text = root.GetString(path);
        if (SettingsReader.IsOff(text)) return 0;
        if (SettingsReader.IsOn(text)) return int.MaxValue;
        return root.IntAtLeast(path, 0);
    }
}
