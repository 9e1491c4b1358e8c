using System.Runtime.InteropServices;

namespace ActorShutdown.App.Scenarios;

/// <summary>Sends a POSIX signal to a process, as a terminal's Ctrl+C or <c>kill</c> would (.NET can only send SIGKILL).</summary>
internal static partial class Signals
{
    /// <summary>Sends <paramref name="signal"/> (SIGINT or SIGTERM) to process <paramref name="pid"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux or macOS.</exception>
    /// <exception cref="InvalidOperationException">kill(2) failed (for example, no such process).</exception>
    public static void Send(int pid, PosixSignal signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new PlatformNotSupportedException("Sending signals needs Linux or macOS.");
        var number = signal switch
        {
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGINT and SIGTERM are sent."),
        };
        if (Kill(pid, number) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
