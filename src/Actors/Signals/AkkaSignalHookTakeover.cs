using System.Runtime.CompilerServices;
using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Util;

namespace ActorShutdown;

/// <summary>
/// Turns Akka's own termination-signal hook (<c>akka.coordinated-shutdown.run-by-clr-shutdown-hook</c>) into a no-op,
/// so that the guardian's handler is the only one that runs the shutdown on a signal.
/// </summary>
/// <remarks>
/// <para>
/// Akka 1.5.75 installs an internal <c>PosixTerminationSignalHandler</c> (SIGTERM, SIGINT and ProcessExit) when the
/// system starts. Its callback runs <c>coord.RunClrHooks().Wait(coord.TotalTimeout)</c> on the signal thread, and the
/// CLR hook it runs calls <c>Run(ClrExitReason.Instance).Wait(TotalTimeout)</c>. .NET runs every handler of one
/// signal one after the other on one thread, so left alone, Akka's handler would block ours for up to
/// <c>TotalTimeout</c> and start the run with the wrong reason. The handler object itself is out of reach.
/// </para>
/// <para>
/// But the private <c>RunClrHooks()</c> only runs the hooks if its <c>_clrHooksStarted</c> flag goes from false to
/// true, and otherwise returns <c>_hooksRunPromise.Task</c>. Setting the flag and completing the promise, once, makes
/// Akka's callback return at once without running anything (it still cancels the signal's default action, which
/// the guardian's handler decides for itself anyway). The fields are reached through <see cref="UnsafeAccessorAttribute"/>;
/// a test (AkkaSignalHookTakeoverTests) fails if Akka renames them or changes what <c>RunClrHooks</c> does with them.
/// </para>
/// </remarks>
internal static class AkkaSignalHookTakeover
{
    /// <summary>Akka's key for its own hook.</summary>
    internal const string AkkaHookKey = "akka.coordinated-shutdown.run-by-clr-shutdown-hook";

    /// <summary>
    /// Disarms Akka's hook of <paramref name="system"/> if it is on. Returns whether it was on: then Akka no longer
    /// runs the shutdown on ProcessExit either, and the caller must.
    /// </summary>
    /// <exception cref="ConfigurationException">This version of Akka keeps its hook elsewhere.</exception>
    internal static bool TakeOver(ExtendedActorSystem system)
    {
        if (!system.Settings.Config.GetBoolean(AkkaHookKey)) return false;
        var shutdown = CoordinatedShutdown.Get(system);
        try
        {
            // When the flag is already set, a signal or ProcessExit reached Akka's hook before the guardian loaded:
            // that run is under way and the promise is Akka's to complete.
            if (ClrHooksStarted(shutdown).CompareAndSet(expected: false, newValue: true))
                HooksRunPromise(shutdown).TrySetResult(Done.Instance);
        }
        catch (MissingFieldException e)
        {
            throw new ConfigurationException(
                $"The shutdown guardian cannot take the termination signals over from Akka's own hook in this version of Akka ({e.Message}). " +
                $"Set {AkkaHookKey} = off, or {ShutdownGuardianSettings.Key("run-by-signals")} = off.", e);
        }
        return true;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_clrHooksStarted")]
    private static extern ref AtomicBoolean ClrHooksStarted(CoordinatedShutdown shutdown);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_hooksRunPromise")]
    private static extern ref TaskCompletionSource<Done> HooksRunPromise(CoordinatedShutdown shutdown);
}
