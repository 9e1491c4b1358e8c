using ActorShutdown.Configuration;

namespace ActorShutdown;

/// <summary>
/// Validates the configured phases and puts them in the order they run: every phase after the
/// phases it depends on. Among phases whose dependencies have all been placed, the one declared
/// first goes first, so the order is deterministic and follows the config where the config leaves
/// it free.
/// </summary>
internal static class PhaseOrder
{
    /// <summary>The phases in running order.</summary>
    /// <exception cref="ConfigurationException">
    /// A name is empty or repeated, a timeout is not positive, a dependency is unknown, or the
    /// dependencies form a cycle. The message names the phases involved.
    /// </exception>
    internal static IReadOnlyList<PhaseDefinition> Of(IReadOnlyList<PhaseDefinition> phases)
    {
        var byName = Validate(phases);
        var ordered = new List<PhaseDefinition>(phases.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var waiting = phases.ToList();
        while (waiting.Count > 0)
        {
            var next = waiting.Find(p => p.DependsOn.All(placed.Contains))
                ?? throw new ConfigurationException(
                    $"Coordinated shutdown phases depend on each other in a cycle: {DescribeCycle(waiting, byName)}");
            waiting.Remove(next);
            placed.Add(next.Name);
            ordered.Add(next);
        }
        return ordered;
    }

    private static Dictionary<string, PhaseDefinition> Validate(IReadOnlyList<PhaseDefinition> phases)
    {
        var byName = new Dictionary<string, PhaseDefinition>(StringComparer.Ordinal);
        foreach (var phase in phases)
        {
            if (string.IsNullOrWhiteSpace(phase.Name))
                throw new ConfigurationException("A coordinated shutdown phase has an empty name");
            if (!byName.TryAdd(phase.Name, phase))
                throw new ConfigurationException($"Coordinated shutdown phase '{phase.Name}' is defined twice");
            if (phase.Timeout <= TimeSpan.Zero && phase.Timeout != Timeout.InfiniteTimeSpan)
                throw new ConfigurationException(
                    $"Coordinated shutdown phase '{phase.Name}' has timeout {phase.Timeout}; it must be positive or infinite");
        }
        foreach (var phase in phases)
        {
            var unknown = phase.DependsOn.FirstOrDefault(d => !byName.ContainsKey(d));
            if (unknown is not null)
                throw new ConfigurationException(
                    $"Coordinated shutdown phase '{phase.Name}' depends on unknown phase '{unknown}'");
        }
        return byName;
    }

    /// <summary>
    /// Finds a cycle among the phases that could not be placed, as "a -> b -> a" (a depends on b,
    /// which depends on a). Each of them depends on another of them (or it would have been placed),
    /// so following those dependencies from any of them must come back to a phase already seen.
    /// </summary>
    private static string DescribeCycle(List<PhaseDefinition> unplaced, Dictionary<string, PhaseDefinition> byName)
    {
        var stuck = unplaced.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var current = unplaced[0];
        while (!path.Contains(current.Name))
        {
            path.Add(current.Name);
            current = byName[current.DependsOn.First(stuck.Contains)];
        }
        return string.Join(" -> ", path.Skip(path.IndexOf(current.Name)).Append(current.Name));
    }
}
