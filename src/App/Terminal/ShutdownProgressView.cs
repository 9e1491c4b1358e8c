using System.Globalization;

namespace ActorShutdown.App.Terminal;

/// <summary>
/// Shows a shutdown while it runs — the phase, the actors left, the cancel requests sent — from
/// <see cref="CoordinatedShutdown.GetProgress"/>: on the status line in a terminal, or as plain lines when
/// output is redirected (one per phase, and at most two a second while the counts move).
/// </summary>
internal sealed class ShutdownProgressView(CoordinatedShutdown shutdown, ConsoleUi ui)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Shows the progress until the run completes or <paramref name="stop"/> fires.</summary>
    public async Task ShowAsync(CancellationToken stop)
    {
        string? lastPhase = null;
        string? lastCounts = null;
        TimeSpan? lastPrinted = null;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            do
            {
                var progress = shutdown.GetProgress();
                if (progress.Completed) break;
                if (ui.Live)
                {
                    ui.Status(Describe(progress));
                    continue;
                }
                var counts = Counts(progress);
                var phaseChanged = progress.Phase != lastPhase && progress.Phase is not null;
                if (phaseChanged || (counts != lastCounts && (lastPrinted is null || progress.Elapsed - lastPrinted >= PlainEvery)))
                {
                    ui.WriteLine(Describe(progress));
                    lastPhase = progress.Phase ?? lastPhase;
                    lastCounts = counts;
                    lastPrinted = progress.Elapsed;
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped by the caller.
        }
        finally
        {
            ui.ClearStatus();
        }
    }

    /// <summary>One line: "shutdown 1.2s · phase 3/6 service-requests-done · 4 of 9 actors left (1 shielded) · 7 cancel requests sent".</summary>
    public string Describe(ShutdownProgress progress)
    {
        if (progress.Reason is null) return "shutdown: starting…";
        var phases = shutdown.OrderedPhases;
        var index = progress.Phase is null ? phases.Count : IndexOf(phases, progress.Phase) + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"shutdown {progress.Elapsed.TotalSeconds:0.0}s · phase {index}/{phases.Count} {progress.Phase ?? "(ending)"} · {Counts(progress)}");
    }

    private static string Counts(ShutdownProgress p) => p.ActorsInScope == 0
        ? "no actors cancelled yet"
        : string.Create(CultureInfo.InvariantCulture,
            $"{p.ActorsLeft} of {p.ActorsInScope} actors left ({p.ShieldedLeft} shielded) · {p.CancelAttemptsSent} cancel requests sent");

    private static int IndexOf(IReadOnlyList<string> phases, string phase)
    {
        for (var i = 0; i < phases.Count; i++)
        {
            if (phases[i] == phase) return i;
        }
        return -1;
    }
}
