namespace ActorShutdown.Configuration;

/// <summary><c>actors.test</c>: the TestKit's timeouts, read and validated when a TestKit starts.</summary>
/// <param name="SingleExpectDefault">How long an expectation waits when given no timeout (before <paramref name="TimeFactor"/>), greater than zero.</param>
/// <param name="TimeFactor">The factor applied to every expectation timeout, greater than zero.</param>
/// <param name="DefaultTimeout">How long the TestKit waits for other things, such as its system's shutdown, greater than zero.</param>
internal sealed record TestKitSettings(TimeSpan SingleExpectDefault, double TimeFactor, TimeSpan DefaultTimeout)
{
    /// <summary>The section's path.</summary>
    public const string Section = "actors.test";

    /// <summary>Reads the settings from a configuration that has reference.conf as its fallback.</summary>
    public static TestKitSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var section = root.GetConfig(Section);
        var timeFactor = section.GetDouble("timefactor");
        return new TestKitSettings(
            section.PositiveDuration("single-expect-default", allowInfinite: false),
            timeFactor > 0 ? timeFactor : throw section.Invalid("timefactor", $"must be a number greater than zero, found {timeFactor}"),
            section.PositiveDuration("default-timeout", allowInfinite: false));
    }
}
