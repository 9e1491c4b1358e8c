namespace ActorShutdown;

/// <summary>A <c>shielded-paths</c> / <c>excluded-paths</c> entry such as <c>/user/ledger</c> or <c>/user/audit/*</c> (<c>*</c>: any one name).</summary>
internal sealed class PathPattern
{
    private readonly string[] _elements;

    public PathPattern(string pattern) => _elements = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public bool Matches(ActorPath path)
    {
        if (path.Depth != _elements.Length) return false;
        var p = path;
        for (var i = _elements.Length - 1; i >= 0; i--, p = p.Parent!)
        {
            if (_elements[i] != "*" && !string.Equals(_elements[i], p.Name, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
