using Akka.Actor;

namespace ActorShutdown;

/// <summary>
/// A path pattern of <c>shielded-paths</c> and <c>excluded-paths</c>: <c>/user/ledger</c> or <c>/user/audit/*</c>,
/// where <c>*</c> matches exactly one path segment. A match protects the actor with its subtree; the pattern itself
/// matches only paths of its own depth.
/// </summary>
internal sealed class PathPattern
{
    private readonly string[] _segments;

    internal PathPattern(string pattern) => _segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether <paramref name="pattern"/> is a path under /user with no empty segment.</summary>
    internal static bool IsValid(string pattern) =>
        pattern.StartsWith("/user/", StringComparison.Ordinal) && !pattern.EndsWith('/') && !pattern.Contains("//", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> matches, walking up from its last segment (no allocation).</summary>
    internal bool Matches(ActorPath path)
    {
        var p = path;
        for (var i = _segments.Length - 1; i >= 0; i--)
        {
            if (p is RootActorPath) return false;
            if (_segments[i] != "*" && !string.Equals(_segments[i], p.Name, StringComparison.Ordinal)) return false;
            p = p.Parent;
        }
        return p is RootActorPath;
    }

    /// <summary>Whether any of <paramref name="patterns"/> matches <paramref name="path"/>; a loop, since this runs for every actor in scope.</summary>
    internal static bool AnyMatches(PathPattern[] patterns, ActorPath path)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(path)) return true;
        }
        return false;
    }
}
