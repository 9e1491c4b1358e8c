using System.Reflection;
using Akka;
using Akka.Actor;
using Akka.Util;

namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The takeover of Akka's own signal hook rests on Akka's internals (see <see cref="AkkaSignalHookTakeover"/>): these
/// tests fail loudly when an Akka upgrade renames the fields or changes what <c>RunClrHooks</c> does with them.
/// </summary>
public sealed class AkkaSignalHookTakeoverTests
{
    /// <summary>A hang guard, never a measurement.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    /// <summary>
    /// What Akka's signal and ProcessExit handler calls, on the signal thread, before it waits up to TotalTimeout:
    /// the private <c>CoordinatedShutdown.RunClrHooks()</c>. Found by name so that a rename fails here.
    /// </summary>
    private static Task<Done> RunClrHooks(CoordinatedShutdown shutdown)
    {
        var method = typeof(CoordinatedShutdown).GetMethod("RunClrHooks", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Akka's CoordinatedShutdown has no RunClrHooks() any more: review AkkaSignalHookTakeover.");
        return (Task<Done>)method.Invoke(shutdown, null)!;
    }

    private static ActorSystem System(string hook, string runBySignals = "on") => ActorSystem.Create("takeover", $"""
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = {hook}
        akka.shutdown-guardian.run-by-signals = {runBySignals}
        """);

    private static bool ClrHooksStarted(CoordinatedShutdown shutdown)
    {
        var field = typeof(CoordinatedShutdown).GetField("_clrHooksStarted", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Akka's CoordinatedShutdown has no _clrHooksStarted any more: review AkkaSignalHookTakeover.");
        return ((AtomicBoolean)field.GetValue(shutdown)!).Value;
    }

    [Fact]
    public async Task Untouched_Akkas_hook_runs_the_shutdown_with_ClrExitReason()
    {
        // The premise of the takeover: this is how Akka's handler starts a run.
        using var system = System("on");
        var shutdown = CoordinatedShutdown.Get(system);

        await RunClrHooks(shutdown).WaitAsync(Guard);

        Assert.Same(CoordinatedShutdown.ClrExitReason.Instance, shutdown.ShutdownReason);
        await system.WhenTerminated.WaitAsync(Guard);
    }

    [Fact]
    public async Task Taken_over_Akkas_hook_returns_at_once_and_runs_nothing()
    {
        using var system = System("on");
        var shutdown = CoordinatedShutdown.Get(system);

        Assert.True(AkkaSignalHookTakeover.TakeOver((ExtendedActorSystem)system));

        var hooks = RunClrHooks(shutdown);
        Assert.True(hooks.IsCompletedSuccessfully);
        Assert.Null(shutdown.ShutdownReason);
        await system.Terminate().WaitAsync(Guard);
    }

    [Fact]
    public async Task Taking_over_twice_is_harmless()
    {
        using var system = System("on");

        Assert.True(AkkaSignalHookTakeover.TakeOver((ExtendedActorSystem)system));
        Assert.True(AkkaSignalHookTakeover.TakeOver((ExtendedActorSystem)system));

        Assert.True(RunClrHooks(CoordinatedShutdown.Get(system)).IsCompletedSuccessfully);
        await system.Terminate().WaitAsync(Guard);
    }

    [Fact]
    public async Task With_Akkas_hook_off_there_is_nothing_to_take_over()
    {
        using var system = System("off");

        Assert.False(AkkaSignalHookTakeover.TakeOver((ExtendedActorSystem)system));

        Assert.False(ClrHooksStarted(CoordinatedShutdown.Get(system)));
        await system.Terminate().WaitAsync(Guard);
    }

    [Fact]
    public async Task Loading_the_guardian_with_run_by_signals_on_takes_Akkas_hook_over()
    {
        using var system = System("on");

        ShutdownGuardian.Get(system);

        var shutdown = CoordinatedShutdown.Get(system);
        Assert.True(ClrHooksStarted(shutdown));
        Assert.True(RunClrHooks(shutdown).IsCompletedSuccessfully);
        Assert.Null(shutdown.ShutdownReason);
        await system.Terminate().WaitAsync(Guard);
    }

    [Fact]
    public async Task Loading_the_guardian_with_run_by_signals_off_leaves_Akkas_hook_alone()
    {
        using var system = System("on", runBySignals: "off");

        ShutdownGuardian.Get(system);

        Assert.False(ClrHooksStarted(CoordinatedShutdown.Get(system)));
        await system.Terminate().WaitAsync(Guard);
    }
}
