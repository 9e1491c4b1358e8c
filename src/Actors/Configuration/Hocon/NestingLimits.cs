using System.Runtime.CompilerServices;

namespace ActorShutdown.Configuration;

/// <summary>
/// Bounds on nesting, so that no document, however hostile, can make the parser, the merge or the
/// resolver recurse until the stack overflows: every node's depth is checked when it is built
/// (<see cref="CheckDepth"/>), and recursive steps call <see cref="EnsureStack"/> as a backstop.
/// </summary>
internal static class NestingLimits
{
    /// <summary>How deeply objects and arrays may nest (path keys count one level per element).</summary>
    public const int MaxDepth = 512;

    /// <summary>How many files may include one another in a chain.</summary>
    public const int MaxIncludeDepth = 50;

    /// <summary>
    /// A backstop beneath the explicit limits: fails cleanly when the current thread's stack runs
    /// low (substitution chains can combine several deep values), instead of crashing the process.
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
}
