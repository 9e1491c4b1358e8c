using System.Runtime.InteropServices;

namespace ActorShutdown;

/// <summary>Ends the process at once, after flushing the console.</summary>
/// <remarks>
/// <see cref="Environment.Exit"/> is not an exit "at once": it first raises <see cref="AppDomain.ProcessExit"/>, and
/// handlers there may block for as long as they like — a host waiting for its services to stop, Akka's own hook
/// waiting up to <see cref="Akka.Actor.CoordinatedShutdown.TotalTimeout"/> for the run, a logger draining its queue.
/// A second Ctrl+C or a passed deadline must not wait for any of them, so this calls the operating system's exit
/// directly: libc's <c>_exit</c>, which runs no atexit handler and no managed code.
/// </remarks>
internal static partial class HardExit
{
    /// <summary>Flushes stdout and stderr, then ends the process with <paramref name="exitCode"/>; never returns.</summary>
    internal static void Now(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (OperatingSystem.IsWindows()) TerminateProcess(GetCurrentProcess(), (uint)exitCode);
        else ExitProcess(exitCode);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitProcess(int status);

    [DllImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool TerminateProcess(IntPtr process, uint exitCode);

    [DllImport("kernel32")]
    private static extern IntPtr GetCurrentProcess();
}
