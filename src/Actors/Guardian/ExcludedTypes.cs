using System.Collections.Concurrent;

namespace ActorShutdown;

/// <summary>
/// <c>excluded-types</c>: actor types excluded with their subtree (Akka's own machinery under <c>/user</c>), matched
/// by full name against the type and its base types — by name, since the assemblies that define them (cluster,
/// streams) need not be loaded. Each type is judged once. Safe on any thread (the token trip reads it too).
/// </summary>
internal sealed class ExcludedTypes(IReadOnlyList<string> names)
{
    private readonly HashSet<string> _names = [.. names];
    private readonly ConcurrentDictionary<Type, bool> _judged = new();

    public bool Matches(Type? type)
    {
        if (type is null || _names.Count == 0) return false;
        if (_judged.TryGetValue(type, out var excluded)) return excluded;
        excluded = false;
        for (var t = type; t is not null && !excluded; t = t.BaseType) excluded = t.FullName is { } name && _names.Contains(name);
        return _judged[type] = excluded;
    }
}
