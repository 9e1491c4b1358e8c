using Akka.Actor;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// Starts a coordinated shutdown and waits, in real time, until the guardian has taken its scope, before
/// <c>RunShutdown</c> joins the run and drives the clock. The phases before the cancel phase have no timer, so
/// nothing there needs the clock; but <c>ShutdownTestKit</c>'s driver can move the clock while Akka's continuation
/// from one phase to the next is running on the thread pool (it sees no mailbox run and no queued work item), and
/// on a loaded machine that let the scope be taken 100 ms late: an actor due to stop by itself at 0.1 s was gone
/// before the scope (scenario 522) and seed 001's times were off by a step.
/// </summary>
internal static class ScopeStart
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    /// <summary>Runs the shutdown with <paramref name="reason"/> (or <c>Terminate()</c> when null) and waits until the scope is taken.</summary>
    public static void Begin(ActorSystem system, Journal journal, CoordinatedShutdown.Reason? reason)
    {
        if (reason is null) _ = system.Terminate();
        else _ = CoordinatedShutdown.Get(system).Run(reason);
        // The guardian logs when it has taken its scope; if that line changes, this fails loudly rather than hangs.
        if (!SpinWait.SpinUntil(() => journal.ScopeTaken, Guard))
            throw new TimeoutException($"The guardian had not taken its scope {Guard.TotalSeconds:0} s after the run started; guardian: {ShutdownGuardian.Get(system).Progress}");
    }
}
