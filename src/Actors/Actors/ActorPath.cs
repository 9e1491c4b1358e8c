namespace ActorShutdown;

/// <summary>
/// An actor's position in the hierarchy, such as <c>/user/a/b</c>. Paths compare by value; the string
/// form is built on demand so that an idle actor does not carry it.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(string name, ActorPath? parent)
    {
        Name = name;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The root path, <c>/</c>.</summary>
    internal static ActorPath Root { get; } = new(string.Empty, null);

    /// <summary>The last element of the path (empty for the root).</summary>
    public string Name { get; }

    /// <summary>The parent's path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>How many elements the path has (0 for the root).</summary>
    internal int Depth { get; }

    /// <summary>The path of a child with the given (already validated) name.</summary>
    internal ActorPath Child(string name) => new(name, this);

    /// <summary>True when this path is <paramref name="other"/> or lies below it.</summary>
    internal bool IsSameOrDescendantOf(ActorPath other)
    {
        var p = this;
        while (p is not null && p.Depth > other.Depth) p = p.Parent;
        return p is not null && p.Equals(other);
    }

    /// <summary>The path as text, for example <c>/user/a/b</c>.</summary>
    public override string ToString()
    {
        if (Parent is null) return "/";
        var length = 0;
        for (var p = this; p.Parent is not null; p = p.Parent) length += p.Name.Length + 1;
        // One allocation of the exact size, filled from the end (reports take the path of every actor in scope).
        return string.Create(length, this, static (chars, path) =>
        {
            for (var p = path; p.Parent is not null; p = p.Parent)
            {
                var at = chars.Length - p.Name.Length;
                p.Name.AsSpan().CopyTo(chars[at..]);
                chars[at - 1] = '/';
                chars = chars[..(at - 1)];
            }
        });
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth) return false;
        for (ActorPath? a = this, b = other; a is not null; a = a.Parent, b = b!.Parent)
        {
            if (ReferenceEquals(a, b)) return true;
            if (!string.Equals(a.Name, b!.Name, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p is not null; p = p.Parent) hash.Add(p.Name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
