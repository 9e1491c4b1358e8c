using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using ActorShutdown.Configuration;

namespace ActorShutdown.Coordination;

/// <summary>
/// Creates the leases of an actor system from configuration, one instance per (lease name, configuration path,
/// owner): asking twice gives the same instance, so the same owner in one process never contends with itself.
/// </summary>
public sealed class LeaseProvider
{
    private static readonly ConditionalWeakTable<ActorSystem, LeaseProvider> Providers = [];

    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<(string Name, string ConfigPath, string Owner), Lazy<Lease>> _leases = new();

    private LeaseProvider(ActorSystem system) => _system = system;

    /// <summary>The provider of <paramref name="system"/>.</summary>
    public static LeaseProvider Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Providers.GetValue(system, static s => new LeaseProvider(s));
    }

    /// <summary>
    /// The lease <paramref name="leaseName"/> for <paramref name="ownerName"/>, implemented by the type that
    /// <c>lease-class</c> names in the configuration section at <paramref name="configPath"/>; keys that section
    /// does not set come from <c>actors.coordination.lease</c>. Created on first request, validated then, and
    /// cached.
    /// </summary>
    /// <param name="leaseName">The lease's name, the same for every owner that contends for it.</param>
    /// <param name="configPath">
    /// A configuration section, such as <c>actors.coordination.file-lease</c>,
    /// <c>actors.coordination.postgresql-lease</c>, or one of the application's own.
    /// </param>
    /// <param name="ownerName">The owner, unique per holder (for example host name and process id).</param>
    /// <exception cref="ArgumentException">A name or the path is empty.</exception>
    /// <exception cref="ConfigurationException">
    /// The section is missing; <c>lease-class</c> is empty or does not name a <see cref="Lease"/> with a suitable
    /// constructor; or a setting is invalid.
    /// </exception>
    public Lease GetLease(string leaseName, string configPath, string ownerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerName);
        var lazy = _leases.GetOrAdd((leaseName, configPath, ownerName),
            key => new Lazy<Lease>(() => Create(key.Name, key.ConfigPath, key.Owner), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A bad configuration is reported every time, not cached.
            _leases.TryRemove(new KeyValuePair<(string, string, string), Lazy<Lease>>((leaseName, configPath, ownerName), lazy));
            throw;
        }
    }

    private Lease Create(string leaseName, string configPath, string ownerName)
    {
        var root = _system.Config;
        if (!root.HasPath(configPath))
            throw new ConfigurationException($"Missing configuration path '{configPath}': no lease configuration there for lease '{leaseName}'");
        var section = root.GetConfig(configPath);
        if (configPath != LeaseSettings.DefaultConfigPath) section = section.WithFallback(root.GetConfig(LeaseSettings.DefaultConfigPath));
        var settings = LeaseSettings.FromConfig(section, leaseName, ownerName);
        var typeName = section.GetString("lease-class").Trim();
        if (typeName.Length == 0)
            throw section.Invalid("lease-class", "is empty: no lease implementation is configured; name a Lease type, for example \"ActorShutdown.Coordination.FileLease, ActorShutdown.Coordination\"");
        var type = FindType(typeName)
            ?? throw section.Invalid("lease-class", $"names no type that can be loaded: '{typeName}' (use an assembly-qualified name)");
        if (!typeof(Lease).IsAssignableFrom(type) || type.IsAbstract)
            throw section.Invalid("lease-class", $"'{type.FullName}' is not a concrete {typeof(Lease).FullName}");
        object?[] arguments;
        var constructor = type.GetConstructor([typeof(LeaseSettings), typeof(ActorSystem)]);
        if (constructor is not null)
        {
            arguments = [settings, _system];
        }
        else
        {
            constructor = type.GetConstructor([typeof(LeaseSettings)])
                ?? throw section.Invalid("lease-class", $"'{type.FullName}' has no public constructor taking (LeaseSettings, ActorSystem) or (LeaseSettings)");
            arguments = [settings];
        }
        try
        {
            return (Lease)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>A type by assembly-qualified name, or by full name among the assemblies already loaded.</summary>
    private static Type? FindType(string name)
    {
        try
        {
            if (Type.GetType(name, throwOnError: false) is { } found) return found;
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException)
        {
            return null;
        }
        return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t is not null);
    }
}
