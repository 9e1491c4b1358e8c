namespace ActorShutdown;

/// <summary>
/// What <see cref="ProcessSignals"/> does to the process: set its exit code, exit it, exit it at once, and write to
/// stderr. Tests derive from it to record these instead of ending the test host.
/// </summary>
internal class ProcessControl
{
    /// <summary>The real process.</summary>
    internal static readonly ProcessControl Current = new();

    /// <summary>Where the line before a hard exit goes.</summary>
    internal virtual TextWriter Error => Console.Error;

    /// <summary>Sets the code the process exits with when its <c>Main</c> returns normally.</summary>
    internal virtual void SetExitCode(int exitCode) => Environment.ExitCode = exitCode;

    /// <summary>Exits the normal way: <see cref="AppDomain.ProcessExit"/> handlers run first.</summary>
    internal virtual void Exit(int exitCode) => Environment.Exit(exitCode);

    /// <summary>Exits at once, whatever <see cref="AppDomain.ProcessExit"/> handlers would do (see <see cref="HardExit"/>).</summary>
    internal virtual void ExitHard(int exitCode) => HardExit.Now(exitCode);
}
