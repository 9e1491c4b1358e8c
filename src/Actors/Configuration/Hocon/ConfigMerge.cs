using System.Collections.Immutable;

namespace ActorShutdown.Configuration;

/// <summary>
/// Merging one value over another, the single rule behind duplicate keys, includes, object
/// concatenation and <see cref="Config.WithFallback"/>: two objects merge key by key; otherwise the
/// top value wins. When either side still holds substitutions, the outcome is unknown until they
/// are resolved, so both are kept as a <see cref="MergeStackNode"/>.
/// </summary>
internal static class ConfigMerge
{
    public static ConfigNode Over(ConfigNode top, ConfigNode bottom)
    {
        if (top is ObjectNode topObject && bottom is ObjectNode bottomObject) return Objects(topObject, bottomObject);
        // A resolved non-object replaces whatever was below. A resolved object replaces a resolved
        // non-object, but may merge with a substitution that turns out to be an object.
        if (top.IsResolved && (top is not ObjectNode || bottom.IsResolved)) return top;
        return new MergeStackNode([.. Layers(bottom), .. Layers(top)]);
    }

    public static ObjectNode Objects(ObjectNode top, ObjectNode bottom)
    {
        ConfigLimits.EnsureStack(top.Position);
        // Fold the smaller object into the larger one, so adding one field to a big object is cheap.
        if (top.Fields.Count >= bottom.Fields.Count)
        {
            var result = top;
            foreach (var (key, below) in bottom.Fields)
                result = result.With(key, top.TryGet(key, out var above) ? Over(above, below) : below);
            return result;
        }
        else
        {
            var result = bottom;
            foreach (var (key, above) in top.Fields)
                result = result.With(key, bottom.TryGet(key, out var below) ? Over(above, below) : above);
            return result.At(top.Position);
        }
    }

    private static ImmutableArray<ConfigNode> Layers(ConfigNode node) => node is MergeStackNode stack ? stack.Layers : [node];
}
