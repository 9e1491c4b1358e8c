using System.Runtime.CompilerServices;

namespace ActorShutdown.Configuration;

/// <summary>
/// Bounds that keep any document, however hostile, from exhausting the stack or memory: every
/// node's depth and size are checked when it is built, and recursive steps call
/// <see cref="EnsureStack"/> as a backstop.
/// </summary>
internal static class ConfigLimits
{
    /// <summary>How deeply objects and arrays may nest (path keys count one level per element).</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// How many keys may be in resolution at once: nesting plus chains of substitutions that each
    /// need the next. Twice <see cref="MaxDepth"/>, so that a value at the limit may still refer to another.
    /// </summary>
    public const int MaxResolveDepth = 2 * MaxDepth;

    /// <summary>How many files may include one another in a chain.</summary>
    public const int MaxIncludeDepth = 50;

    /// <summary>
    /// The largest a value may be, counted in characters plus values (about the length of its
    /// text), and also the most that concatenations may build while one configuration resolves.
    /// Far above any real configuration; it stops substitutions that double a string or a list at
    /// each step before they exhaust time or memory.
    /// </summary>
    public const long MaxWeight = 1L << 23;

    /// <summary>
    /// Fails cleanly when the current thread's stack runs low (substitution chains can combine
    /// several deep values), instead of crashing the process.
    /// </summary>
    public static void EnsureStack(SourcePosition position)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw position.Error("configuration nests too deeply to process (objects, arrays or substitution chains)");
    }

    /// <summary>Throws when <paramref name="depth"/> exceeds <see cref="MaxDepth"/>.</summary>
    public static int CheckDepth(int depth, SourcePosition position) =>
        depth <= MaxDepth
            ? depth
            : throw position.Error($"objects and arrays nest more than {MaxDepth} levels deep");

    /// <summary>Throws when <paramref name="weight"/> exceeds <see cref="MaxWeight"/>.</summary>
    public static long CheckWeight(long weight, SourcePosition position) =>
        weight <= MaxWeight
            ? weight
            : throw position.Error($"the configuration grows beyond {MaxWeight:N0} characters and values (does a substitution repeat itself?)");
}
