using System.Runtime.InteropServices;

namespace ActorShutdown;

/// <summary>The POSIX numbers of the signals the guardian handles; <see cref="PosixSignal"/>'s values are not those numbers.</summary>
internal static class SignalNumbers
{
    /// <summary>The signal's number, the same on Linux and macOS: SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGTERM 15.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of those four.</exception>
    internal static int Of(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGHUP, SIGINT, SIGQUIT and SIGTERM are handled."),
    };

    /// <summary>The exit code of a process killed by <paramref name="signal"/>, as shells report it: 128 + its number.</summary>
    internal static int ExitCode(PosixSignal signal) => 128 + Of(signal);
}
