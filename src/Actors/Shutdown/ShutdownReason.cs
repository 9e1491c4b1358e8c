using System.Runtime.InteropServices;

namespace ActorShutdown;

/// <summary>
/// Why a shutdown happened. Carries the process exit code a clean shutdown ends with.
/// Subclass it for reasons of your own.
/// </summary>
public class ShutdownReason
{
    /// <summary>Creates a reason with a name and the exit code of a clean shutdown for it.</summary>
    /// <param name="name">A short name shown in logs and reports.</param>
    /// <param name="exitCode">The process exit code when the shutdown was clean.</param>
    protected ShutdownReason(string name, int exitCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        ExitCode = exitCode;
    }

    /// <summary>The reason's name.</summary>
    public string Name { get; }

    /// <summary>The exit code of a clean shutdown for this reason.</summary>
    public int ExitCode { get; }

    /// <summary>No reason was given (exit code 1).</summary>
    public static ShutdownReason Unknown { get; } = new("unknown", 1);

    /// <summary><c>ActorSystem.Terminate()</c> was called (exit code 0).</summary>
    public static ShutdownReason ActorSystemTerminate { get; } = new("actor-system-terminate", 0);

    /// <summary>The process is exiting (exit code 0).</summary>
    public static ShutdownReason ProcessExit { get; } = new("process-exit", 0);

    /// <summary>The .NET host is stopping (exit code 0).</summary>
    public static ShutdownReason HostStopping { get; } = new("host-stopping", 0);

    private static readonly ShutdownReason SigTerm = new("SIGTERM", 0);
    private static readonly ShutdownReason SigInt = new("SIGINT", 0);
    private static readonly ShutdownReason SigHup = new("SIGHUP", 0);
    private static readonly ShutdownReason SigQuit = new("SIGQUIT", 0);

    /// <summary>
    /// A process signal. SIGTERM, SIGINT, SIGHUP and SIGQUIT are ordinary ways to stop a service
    /// (exit code 0); any other signal gives exit code 1.
    /// </summary>
    public static ShutdownReason Signal(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => SigTerm,
        PosixSignal.SIGINT => SigInt,
        PosixSignal.SIGHUP => SigHup,
        PosixSignal.SIGQUIT => SigQuit,
        _ => new ShutdownReason(signal.ToString(), 1),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
