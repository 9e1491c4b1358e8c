using System.Runtime.InteropServices;

namespace ActorShutdown.Tests.Signals;

/// <summary>Sends POSIX signals to a process: libc's kill(2), with Linux's signal numbers.</summary>
internal static class Libc
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGTERM = 15;

    /// <summary>Sends <paramref name="signal"/> to the process <paramref name="pid"/>.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed (for example, no such process).</exception>
    public static void Kill(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The name of a signal number, as <see cref="PosixSignal"/> names it.</summary>
    public static string Name(int signal) => signal switch
    {
        SIGHUP => "SIGHUP",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        SIGTERM => "SIGTERM",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a termination signal the tests send"),
    };

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
