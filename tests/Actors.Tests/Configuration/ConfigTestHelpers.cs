using ActorShutdown.Configuration;

namespace ActorShutdown.Tests.Configuration;

internal static class ConfigTestHelpers
{
    /// <summary>Parses and resolves, so that resolution errors surface too.</summary>
    public static Config Load(string hocon)
    {
        var config = ConfigurationFactory.ParseString(hocon);
        _ = config.Root;
        return config;
    }

    /// <summary>
    /// Asserts that <paramref name="action"/> throws exactly <see cref="ConfigurationException"/>
    /// and that its message contains every fragment.
    /// </summary>
    public static ConfigurationException Fails(Action action, params string[] fragments)
    {
        var error = Assert.Throws<ConfigurationException>(action);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Asserts a positioned error in text parsed with ParseString.</summary>
    public static ConfigurationException FailsAt(string hocon, int line, int column, params string[] fragments)
    {
        var error = Fails(() => Load(hocon), fragments);
        Assert.Equal("string", error.SourceName);
        Assert.True((line, column) == (error.Line, error.Column), $"expected {line}:{column}, got {error.Line}:{error.Column}: {error.Message}");
        Assert.StartsWith($"string:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        return error;
    }
}
