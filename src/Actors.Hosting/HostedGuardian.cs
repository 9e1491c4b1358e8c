using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Event;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActorShutdown.Hosting;

/// <summary>
/// Ties a hosted actor system's shutdown to the host, from the moment Akka.Hosting starts it: the run's reason when a
/// signal stopped the host, the second signal that exits at once, and the process exit code from the report.
/// </summary>
/// <remarks>
/// Akka.Hosting's <c>AkkaHostedService.StopAsync</c> runs the coordinated shutdown with <c>ClrExitReason</c> and ignores
/// the host's token (akka-facts §9). The deadline and the fitted phase timeouts (see <see cref="PhaseBudget"/>) make that
/// run, and so <c>StopAsync</c>, end within the host's timeout; this class does the rest without replacing Akka.Hosting's
/// service (the builder that <c>WithShutdownGuardian</c> runs in gets no say over the services, which are already
/// built). The signals are observed, never cancelled: the host's console lifetime still cancels them and stops the host.
/// The first SIGINT or SIGTERM starts the run with a <see cref="SignalReason"/> at once; the first reason wins in Akka,
/// and Akka.Hosting's service, when the host's stop reaches it, only joins the run. .NET runs a signal's handlers one
/// after the other on one thread, the console lifetime's (registered first) before this one, and that handler only
/// asks the host to stop: the host's stop then has to wait for the lifetime's lock, which the signal's thread holds
/// while the stopping callbacks run, and go through the hosted services before it reaches Akka.Hosting's, while this
/// handler runs next on the signal's thread. Nothing in .NET guarantees that order, though; were the host ever first,
/// the run's reason would be Akka.Hosting's <c>ClrExitReason</c>, whose exit code (0) is the same.
/// </remarks>
internal sealed class HostedGuardian
{
    /// <summary>
    /// A signal that repeats the first one within this time is the same signal delivered twice, not a second press:
    /// <c>dotnet run</c> forwards the SIGINT or SIGTERM it gets to the App, which also got it itself when both are in the
    /// terminal's foreground process group (Ctrl+C), or when a tool such as <c>timeout</c> signals the group. No one
    /// presses Ctrl+C twice within this time on purpose.
    /// </summary>
    internal static readonly TimeSpan SameSignalWindow = TimeSpan.FromMilliseconds(100);

    private readonly ActorSystem _system;
    private readonly ShutdownGuardian _guardian;
    private readonly Lock _lock = new();
    private PosixSignalRegistration[] _signals = [];
    private PosixSignal? _firstSignal;
    private long _firstSignalAt;

    private HostedGuardian(ActorSystem system)
    {
        _system = system;
        _guardian = ShutdownGuardian.Get(system);
    }

    /// <summary>Starts following the host (Akka.Hosting's startup task, once the system and its actors have started).</summary>
    internal static void Start(ActorSystem system, TimeSpan assumedHostTimeout)
    {
        var hosted = new HostedGuardian(system);
        var services = DependencyResolver.For(system).Resolver;
        if (services.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout is { } actual && actual != assumedHostTimeout)
        {
            system.Log.Warning("The host's ShutdownTimeout is {0}, but WithShutdownGuardian saw {1} when it sized the shutdown's deadline and phases " +
                "(HostOptions configured from other services cannot be read before the container is built); set ShutdownGuardianOptions.Deadline.",
                actual, assumedHostTimeout);
        }
        hosted.ObserveSignals();
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(hosted.Stopped);
    }

    private void ObserveSignals()
    {
        if (OperatingSystem.IsBrowser() || OperatingSystem.IsWasi() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsAndroid()) return;
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>
    /// The first SIGINT or SIGTERM starts the run with its reason (the host stops as well: its lifetime handles the same
    /// signal). A second one while the process still runs means "now": one line on stderr, and the process exits with
    /// 128 + the signal's number.
    /// </summary>
    private void OnSignal(PosixSignalContext context)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_firstSignal is null)
            {
                _firstSignal = context.Signal;
                _firstSignalAt = now;
            }
            else if (_firstSignal == context.Signal && Stopwatch.GetElapsedTime(_firstSignalAt, now) < SameSignalWindow)
            {
                return;
            }
            else
            {
                ExitNow(context.Signal);
                return;
            }
        }
        _ = CoordinatedShutdown.Get(_system).Run(new SignalReason(context.Signal));
    }

    private void ExitNow(PosixSignal signal)
    {
        var progress = _guardian.Progress;
        var phase = progress.Phase is null ? "" : $" in phase {progress.Phase}";
        Console.Error.WriteLine($"Second {signal} during shutdown{phase}: exiting now with {progress.ActorsLeft} actor(s) still running.");
        HardExit(signal == PosixSignal.SIGINT ? 130 : 143);
    }

    /// <summary>
    /// Ends the process at once with <paramref name="exitCode"/>: the library's hard exit (flush, then <c>_exit</c>,
    /// which no <c>ProcessExit</c> handler, such as the host's, can delay).
    /// </summary>
    private static void HardExit(int exitCode) => ActorShutdown.HardExit.Now(exitCode);

    /// <summary>The host has stopped: the report (complete by the deadline) gives the process its exit code.</summary>
    private void Stopped()
    {
        foreach (var registration in Interlocked.Exchange(ref _signals, [])) registration.Dispose();
        if (CoordinatedShutdown.Get(_system).ShutdownReason is null) return;
        // Akka's run has ended (the host waited for it); the report completes right after it, or already did at the deadline.
        if (_guardian.Report.Wait(TimeSpan.FromSeconds(5))) Environment.ExitCode = _guardian.Report.Result.ExitCode;
    }
}
