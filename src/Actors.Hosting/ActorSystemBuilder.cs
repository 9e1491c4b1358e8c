using ActorShutdown.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorShutdown.Hosting;

/// <summary>
/// Configures the <see cref="ActorSystem"/> that <see cref="ServiceCollectionExtensions.AddActorSystem"/>
/// registers: its configuration (HOCON, later additions winning over earlier ones, all falling back to
/// <c>reference.conf</c>) and the actors to start with the host.
/// </summary>
public sealed class ActorSystemBuilder
{
    private readonly List<Config> _configs = [];
    private readonly List<Action<ActorSystem, IServiceProvider>> _starters = [];

    internal ActorSystemBuilder(string name, IServiceCollection services)
    {
        Name = name;
        Services = services;
    }

    /// <summary>The actor system's name.</summary>
    public string Name { get; }

    /// <summary>The host's services, for registrations the actors need.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Whether the host sets <see cref="Environment.ExitCode"/> from the shutdown report (default true):
    /// the report's exit code when it is not 0, and 0 only while no one has set another code. A program
    /// whose <c>Main</c> returns an <c>int</c> decides its exit code itself.
    /// </summary>
    public bool SetProcessExitCode { get; set; } = true;

    /// <summary>Adds configuration as HOCON text; it wins over what was added before.</summary>
    /// <exception cref="ConfigurationException">The text is not valid HOCON.</exception>
    public ActorSystemBuilder AddHocon(string hocon)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        return AddConfig(ConfigurationFactory.ParseString(hocon));
    }

    /// <summary>
    /// Adds configuration from a HOCON file (a relative path is taken from the current directory); it wins
    /// over what was added before. The file is read now, so a bad file fails at startup.
    /// </summary>
    /// <exception cref="ConfigurationException">The file is missing or not valid HOCON.</exception>
    public ActorSystemBuilder AddHoconFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return AddConfig(ConfigurationFactory.ParseFile(path));
    }

    /// <summary>Adds configuration already parsed; it wins over what was added before.</summary>
    public ActorSystemBuilder AddConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _configs.Add(config);
        return this;
    }

    /// <summary>
    /// Adds a callback that creates actors (and adds shutdown tasks, shields, …) when the host starts,
    /// with the host's services at hand. Callbacks run in the order they were added.
    /// </summary>
    public ActorSystemBuilder WithActors(Action<ActorSystem, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _starters.Add(configure);
        return this;
    }

    /// <summary>The configuration added, the later winning: without <c>reference.conf</c>, which the system adds.</summary>
    internal Config BuildConfig()
    {
        var config = Config.Empty;
        foreach (var added in _configs) config = added.WithFallback(config);
        return config;
    }

    internal IReadOnlyList<Action<ActorSystem, IServiceProvider>> Starters => _starters;
}
