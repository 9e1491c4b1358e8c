using System.Diagnostics;
using System.Globalization;

namespace ActorShutdown.App.Terminal;

/// <summary>
/// Shows a shutdown while it runs — the phase, the actors left, the cancel requests sent — from the guardian's
/// <see cref="ShutdownGuardian.Progress"/>: on the status line in a terminal, or as plain lines when output is
/// redirected (one per phase, and at most two a second while the counts move).
/// </summary>
internal sealed class ShutdownProgressView(ShutdownGuardian guardian, IReadOnlyList<string> phases, ConsoleUi ui)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Shows the progress until the report completes or <paramref name="stop"/> fires.</summary>
    public async Task ShowAsync(CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        string? lastPhase = null;
        string? lastCounts = null;
        TimeSpan? lastPrinted = null;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            do
            {
                if (guardian.Report.IsCompleted) break;
                var progress = guardian.Progress;
                var elapsed = Stopwatch.GetElapsedTime(started);
                var line = Describe(progress, elapsed);
                if (ui.Live)
                {
                    ui.Status(line);
                    continue;
                }
                var counts = Counts(progress);
                var phaseChanged = progress.Phase is not null && progress.Phase != lastPhase;
                if (phaseChanged || (counts != lastCounts && (lastPrinted is null || elapsed - lastPrinted >= PlainEvery)))
                {
                    ui.WriteLine(line);
                    lastPhase = progress.Phase ?? lastPhase;
                    lastCounts = counts;
                    lastPrinted = elapsed;
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

    /// <summary>One line: "shutdown 1.2s · phase 3/12 service-requests-done · 4 actors left · 7 cancel requests sent".</summary>
    private string Describe(ShutdownProgress progress, TimeSpan elapsed)
    {
        if (progress.Phase is null) return "shutdown: starting…";
        var index = phases.ToList().IndexOf(progress.Phase) + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"shutdown {elapsed.TotalSeconds:0.0}s · phase {index}/{phases.Count} {progress.Phase} · {Counts(progress)}");
    }

    private static string Counts(ShutdownProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.ActorsLeft} actor(s) left · {p.CancelRequestsSent} cancel request(s) sent");
}
