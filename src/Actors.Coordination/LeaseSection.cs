using Akka.Actor;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Akka.Coordination;

namespace ActorShutdown.Coordination;

/// <summary>
/// The configuration section of one lease: its own keys, falling back to the library's defaults for the section
/// (<c>hocon/reference.conf</c>, embedded in the ActorShutdown assembly) so that a lease works whether or not the
/// shutdown guardian injected them; and errors that name the full key of a bad setting.
/// </summary>
internal sealed class LeaseSection
{
    private static readonly Lazy<Config> Reference = new(() =>
        ConfigurationFactory.FromResource("ActorShutdown.reference.conf", typeof(ShutdownGuardian).Assembly));

    private readonly ActorSystem _system;
    private readonly LeaseSettings _settings;
    private readonly Config _config;

    /// <param name="system">The lease's system (its configuration names the section's path in errors).</param>
    /// <param name="settings">The lease's settings, as Akka's LeaseProvider made them.</param>
    /// <param name="defaultPath">The section's path in the library's defaults, such as <c>akka.coordination.lease.file</c>.</param>
    public LeaseSection(ActorSystem system, LeaseSettings settings, string defaultPath)
    {
        _system = system;
        _settings = settings;
        _config = settings.LeaseConfig.WithFallback(Reference.Value.GetConfig(defaultPath));
    }

    /// <summary>The string at <paramref name="key"/>, trimmed; a <see cref="ConfigurationException"/> naming the key when it is missing or empty.</summary>
    public string RequiredString(string key, string hint)
    {
        var value = _config.GetString(key, null)?.Trim() ?? "";
        return value.Length > 0 ? value : throw Invalid(key, $"must be set: {hint}");
    }

    /// <summary>A <see cref="ConfigurationException"/> for the setting <paramref name="key"/>, naming its full path.</summary>
    public ConfigurationException Invalid(string key, string problem, Exception? inner = null)
    {
        var message = $"Invalid lease configuration: {Setting(key)} {problem} (lease '{_settings.LeaseName}', owner '{_settings.OwnerName}').";
        return inner is null ? new ConfigurationException(message) : new ConfigurationException(message, inner);
    }

    /// <summary>
    /// The setting <paramref name="key"/>, quoted with its full path in the system's configuration. Akka's <see cref="LeaseSettings"/> does
    /// not keep the section's path, so it is found: the sections of the system's configuration whose
    /// <c>lease-class</c> is this lease's, narrowed to those whose value at the key is the one read.
    /// </summary>
    private string Setting(string key)
    {
        var leaseClass = _config.GetString("lease-class", null);
        var read = _config.GetString(key, null);
        var sections = new List<string>();
        FindSections(_system.Settings.Config.Root, "", 0, leaseClass, sections);
        var matching = sections.Where(path => _system.Settings.Config.GetConfig(path).GetString(key, null) == read).ToList();
        if (matching.Count == 0) matching = sections;
        return matching.Count switch
        {
            1 => $"'{matching[0]}.{key}'",
            0 => $"'{key}' of the lease's section",
            _ => $"'{key}' of the lease's section (one of '{string.Join("', '", matching)}')",
        };
    }

    private static void FindSections(HoconValue node, string path, int depth, string? leaseClass, List<string> found)
    {
        if (depth > 10 || !node.IsObject()) return;
        foreach (var (name, child) in node.GetObject().Items)
        {
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (name == "lease-class" && child.IsString() && child.GetString() == leaseClass) found.Add(path);
            else FindSections(child, childPath, depth + 1, leaseClass, found);
        }
    }
}
