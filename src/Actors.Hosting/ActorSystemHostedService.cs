using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Hosting;

/// <summary>
/// Runs the actor system with the host: starts its actors, stops it through <see cref="CoordinatedShutdown"/>
/// when the host stops (within the host's shutdown token), stops the host when the system terminates on its
/// own, and ends the process at once on a second SIGINT or SIGTERM during the shutdown.
/// </summary>
internal sealed partial class ActorSystemHostedService : IHostedService, IDisposable
{
    private readonly ActorSystem _system;
    private readonly ActorSystemBuilder _builder;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly CoordinatedShutdown _shutdown;
    private PosixSignalRegistration[] _signals = [];
    private int _signalCount;
    private int _hostStopping;

    public ActorSystemHostedService(ActorSystem system, ActorSystemBuilder builder, IServiceProvider services,
        IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory)
    {
        _system = system;
        _builder = builder;
        _services = services;
        _lifetime = lifetime;
        _logger = loggerFactory.CreateLogger("ActorShutdown.Hosting");
        _shutdown = CoordinatedShutdown.Get(system);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var start in _builder.Starters) start(_system, _services);
        if (!OperatingSystem.IsBrowser() && !OperatingSystem.IsWasi())
        {
            _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
        }
        _ = WatchTerminationAsync();
        HostingLog.Started(_logger, _system.Name, _shutdown.TotalTimeout);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the shutdown with <see cref="ShutdownReason.HostStopping"/> (or joins the run already going) and
    /// waits for it and for the system to terminate. If <paramref name="cancellationToken"/> (the host's
    /// shutdown timeout) fires first, the run is cut short, which ends it at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _hostStopping, 1);
        var run = _shutdown.Run(ShutdownReason.HostStopping);
        int exitCode;
        await using (cancellationToken.Register(static s => ((ActorSystemHostedService)s!).CutShort(), this))
        {
            exitCode = await ExitCodeOf(run).ConfigureAwait(false);
        }
        // The last phase terminates the system; unless configured not to (terminate-actor-system = off),
        // or a phase without recover failed. Then terminate it directly, for as long as the host waits.
        if (!_system.WhenTerminated.IsCompleted)
        {
            try
            {
                await _system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                HostingLog.NotTerminated(_logger, _system.Name);
            }
        }
        SetExitCode(exitCode);
        DisposeSignals();
    }

    public void Dispose() => DisposeSignals();

    private void CutShort()
    {
        if (_shutdown.GetProgress() is { Completed: false } progress)
        {
            HostingLog.CutShort(_logger, progress.Phase ?? "(none yet)", progress.Elapsed);
            _shutdown.CutShort();
        }
    }

    /// <summary>When the system terminates without the host having asked, the host stops too.</summary>
    private async Task WatchTerminationAsync()
    {
        await _system.WhenTerminated.ConfigureAwait(false);
        if (Volatile.Read(ref _hostStopping) == 1) return;
        // The system terminates in the last phase; the report comes right after.
        var exitCode = _shutdown.Reason is { } reason ? await ExitCodeOf(_shutdown.Run(reason)).ConfigureAwait(false) : 0;
        HostingLog.TerminatedOnItsOwn(_logger, _system.Name, _shutdown.Reason?.Name ?? "none", exitCode);
        SetExitCode(exitCode);
        _lifetime.StopApplication();
    }

    private async Task<int> ExitCodeOf(Task<ShutdownReport> run)
    {
        try
        {
            return (await run.ConfigureAwait(false)).ExitCode;
        }
        catch (Exception e)
        {
            // A phase without recover failed: the run has logged it. Not clean.
            HostingLog.RunFailed(_logger, e, _system.Name);
            return 3;
        }
    }

    private void SetExitCode(int exitCode)
    {
        if (!_builder.SetProcessExitCode) return;
        if (exitCode != 0 || Environment.ExitCode == 0) Environment.ExitCode = exitCode;
    }

    /// <summary>
    /// The host's lifetime handles the first SIGINT or SIGTERM (it stops the host). A second one while the
    /// shutdown still runs means "now": one line on stderr and the process ends with 128 + the signal.
    /// </summary>
    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signalCount) < 2) return;
        var progress = _shutdown.GetProgress();
        if (progress.Completed) return;
        var code = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        var phase = progress.Phase is null ? "" : $" in phase {progress.Phase}";
        Console.Error.WriteLine($"Second {name} during shutdown{phase}: exiting now with {progress.ActorsLeft} actor(s) still running.");
        Console.Error.Flush();
        Environment.Exit(code);
    }

    private void DisposeSignals()
    {
        foreach (var registration in Interlocked.Exchange(ref _signals, [])) registration.Dispose();
    }
}
