using System.Collections.Immutable;
using System.Diagnostics;

namespace ActorShutdown.Configuration;

/// <summary>
/// Resolves every substitution in a merged tree, against the root of that tree, with environment
/// variables as the fallback for paths the tree lacks.
/// <para>
/// Values are resolved on demand and remembered by path. A substitution looks up the final value
/// of its path, descending through plain objects without resolving them whole (so
/// <c>bar { foo = 1, baz = ${bar.foo} }</c> works). When the path it needs is itself being resolved,
/// it looks back instead: at the layers below the current one of that key's
/// <see cref="MergeStackNode"/> (<c>a = ${a} [2]</c>, <c>a += 1</c>). With nothing to look back at,
/// a reference to the key being defined falls back to the environment; any other is a cycle.
/// </para>
/// </summary>
internal sealed class SubstitutionResolver
{
    private readonly ObjectNode root;
    private readonly Dictionary<ConfigPath, ConfigNode?> resolved = [];   // null: the value is undefined (an unset ${?x})
    private readonly Dictionary<ConfigPath, Frame> active = [];           // keys of the tree being resolved now
    private readonly List<Frame> frames = [];                             // every key being resolved, innermost last
    private long built;                                                   // the weight concatenations have built so far

    /// <summary>A key whose value is being resolved.</summary>
    private sealed class Frame(ConfigPath path, bool inTree)
    {
        public ConfigPath Path { get; } = path;

        /// <summary>False for the keys of objects inside merge stacks, concatenations or arrays: not the final values at their paths.</summary>
        public bool InTree { get; } = inTree;

        /// <summary>While a merge stack resolves its layers: whether a layer below the current one exists, and what they resolved to.</summary>
        public bool HasBelow { get; set; }

        public ConfigNode? Below { get; set; }
    }

    private SubstitutionResolver(ObjectNode root) => this.root = root;

    public static ObjectNode Resolve(ObjectNode root) =>
        root.IsResolved ? root : (ObjectNode)new SubstitutionResolver(root).ResolveKey(root, ConfigPath.Root, inTree: true)!;

    /// <summary>Resolves the value of a key; in the tree, remembers the result and marks the key as being resolved meanwhile.</summary>
    private ConfigNode? ResolveKey(ConfigNode node, ConfigPath path, bool inTree)
    {
        if (node.IsResolved) return node;
        if (inTree)
        {
            if (resolved.TryGetValue(path, out var done)) return done;
            if (active.ContainsKey(path)) throw Cycle(path, node.Position);
        }
        if (frames.Count >= ConfigLimits.MaxResolveDepth)
            throw node.Position.Error($"substitutions nest more than {ConfigLimits.MaxResolveDepth} keys deep while resolving '{path}' " +
                "(a chain of substitutions that each refer to the next?)");
        var frame = new Frame(path, inTree);
        frames.Add(frame);
        if (inTree) active.Add(path, frame);
        try
        {
            var value = ResolveValue(node, frame, inTree);
            if (inTree) resolved[path] = value;
            return value;
        }
        finally
        {
            frames.RemoveAt(frames.Count - 1);
            if (inTree) active.Remove(path);
        }
    }

    /// <summary>
    /// Resolves a value belonging to the key of <paramref name="frame"/>: the key's own value when
    /// <paramref name="inTree"/>, otherwise a part of it (a layer, a concatenated part, an element).
    /// </summary>
    private ConfigNode? ResolveValue(ConfigNode node, Frame frame, bool inTree)
    {
        if (node.IsResolved) return node;
        ConfigLimits.EnsureStack(node.Position);
        return node switch
        {
            ObjectNode o => ResolveObject(o, frame.Path, inTree),
            ArrayNode a => new ArrayNode([.. a.Items.Select(item => ResolveValue(item, frame, inTree: false)).OfType<ConfigNode>()], a.Position),
            SubstitutionNode s => Substitute(s, frame),
            ConcatNode c => Concatenate(c, frame),
            MergeStackNode m => ResolveStack(m, frame),
            _ => throw new UnreachableException($"{node.GetType().Name} is always resolved"),
        };
    }

    private ObjectNode ResolveObject(ObjectNode node, ConfigPath path, bool inTree)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var (key, child) in node.Fields)
        {
            var value = ResolveKey(child, path.Append(key), inTree);
            if (value is not null) fields.Add(key, value);   // an unset ${?x} removes the field
        }
        return new ObjectNode(fields.ToImmutable(), node.Position);
    }

    private ConfigNode? Concatenate(ConcatNode node, Frame frame)
    {
        var parts = new List<ConfigNode>();
        foreach (var part in node.Parts)
        {
            var value = ResolveValue(part, frame, inTree: false);
            if (value is null) continue;   // an unset ${?x} contributes nothing
            // A substitution that is null joins a string as "", not as "null".
            parts.Add(part is SubstitutionNode && value is ScalarNode { Kind: ScalarKind.Null }
                ? new ScalarNode(ScalarKind.String, "", part.Position)
                : value);
        }
        var result = Concatenation.Combine(parts, node.Position);
        // Concatenation is the only way a value can grow; bound what it builds in total, so that
        // many substitutions that each double a value cannot add up to unbounded work.
        if (result is not null && parts.Count > 1)
        {
            built += result.Weight;
            if (built > ConfigLimits.MaxWeight)
                throw node.Position.Error($"resolving substitutions builds more than {ConfigLimits.MaxWeight:N0} characters and values (does a substitution repeat itself?)");
        }
        return result;
    }

    /// <summary>Resolves the layers oldest first, each seeing the result of those below it.</summary>
    private ConfigNode? ResolveStack(MergeStackNode node, Frame frame)
    {
        ConfigNode? result = null;
        for (var i = 0; i < node.Layers.Length; i++)
        {
            frame.HasBelow = i > 0;
            frame.Below = result;
            var layer = ResolveValue(node.Layers[i], frame, inTree: false);
            if (layer is null) continue;
            result = result is null ? layer : ConfigMerge.Over(layer, result);
        }
        frame.HasBelow = false;
        frame.Below = null;
        return result;
    }

    private ConfigNode? Substitute(SubstitutionNode node, Frame frame)
    {
        var lookup = Lookup(node.Path, node, frame);
        if (!lookup.Found && node.PrefixLength > 0) lookup = Lookup(node.WrittenPath, node, frame);
        if (lookup.Found) return lookup.Value;

        var name = node.WrittenPath.EnvironmentName;
        var environment = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrEmpty(environment)) return new ScalarNode(ScalarKind.String, environment, node.Position);
        if (node.Optional) return null;

        var where = frame.Path.Length > 0 ? $" in the value of '{frame.Path}'" : "";
        throw node.Position.Error(lookup.SelfReference
            ? $"could not resolve {node.Describe()}{where}: it refers to the key being defined, which has no earlier value, " +
              $"and there is no environment variable '{name}' (use ${{?{node.WrittenPath}}} if it may be absent)"
            : $"could not resolve {node.Describe()}{where}: there is no '{node.WrittenPath}' in the configuration " +
              $"and no environment variable '{name}' (use ${{?{node.WrittenPath}}} if it may be absent)");
    }

    private readonly record struct LookupResult(bool Found, ConfigNode? Value, bool SelfReference = false);

    /// <summary>
    /// The final value at <paramref name="path"/>. Descends through plain objects of the tree
    /// without resolving them; resolves (or looks back at) anything else on the way.
    /// </summary>
    private LookupResult Lookup(ConfigPath path, SubstitutionNode substitution, Frame frame)
    {
        ConfigNode? node = root;
        var inTree = true;   // false once inside a resolved value, where nothing is pending
        for (var i = 0; ; i++)
        {
            var at = path.Prefix(i);
            if (inTree && (i == path.Length || node is not ObjectNode))
            {
                if (active.TryGetValue(at, out var pending))
                {
                    if (pending.HasBelow)
                    {
                        node = pending.Below;
                        inTree = false;
                    }
                    else if (i == path.Length && pending == frame)
                    {
                        return new LookupResult(false, null, SelfReference: true);
                    }
                    else
                    {
                        throw Cycle(at, substitution.Position);
                    }
                }
                else
                {
                    node = ResolveKey(node!, at, inTree: true);
                    inTree = false;
                }
            }
            if (i == path.Length) return node is null ? default : new LookupResult(true, node);
            if (node is not ObjectNode obj || !obj.TryGet(path[i], out node)) return default;
        }
    }

    /// <summary>A cycle through <paramref name="path"/>, named by the keys on it.</summary>
    private ConfigurationException Cycle(ConfigPath path, SourcePosition position)
    {
        var start = frames.FindIndex(f => f.InTree && f.Path.Equals(path));
        var keys = frames.Skip(Math.Max(start, 0)).Where(f => f.InTree).Select(f => $"'{f.Path}'").Append($"'{path}'");
        return position.Error($"substitution cycle: {string.Join(" -> ", keys)} (a value that refers, directly or indirectly, to itself)");
    }
}
