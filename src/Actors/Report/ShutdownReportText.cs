using System.Globalization;
using System.Text;

namespace ActorShutdown;

/// <summary>Writes the human summary of a <see cref="ShutdownReport"/>.</summary>
internal static class ShutdownReportText
{
    // A report may hold 100,000 actors; past this many per category the summary gives a count.
    private const int MaxNamed = 20;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    internal static string Write(ShutdownReport report)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"Shutdown ({Name(report.Reason)}): exit code {report.ExitCode}, ")
            .Append(report.Clean ? "clean" : "not clean")
            .Append(report.DeadlinePassed ? ", the deadline passed" : "")
            .Append(Invariant, $", took {Seconds(report.Duration)}, started {report.StartedAt:O}").AppendLine();
        WritePhases(text, report.Phases);
        WriteActors(text, report.Actors);
        WriteLeases(text, report.Leases);
        return text.ToString();
    }

    private static void WritePhases(StringBuilder text, IReadOnlyList<PhaseOutcome> phases)
    {
        text.AppendLine("Phases:");
        var idle = 0;
        foreach (var phase in phases)
        {
            // Akka's phases with nothing to do (the cluster ones, in a system without a cluster) pass in no time.
            if (phase.Tasks.Count == 0 && !phase.TimedOut && phase.Duration < TimeSpan.FromMilliseconds(1))
            {
                idle++;
                continue;
            }
            text.Append(Invariant, $"  {phase.Name}: {Seconds(phase.Duration)}, {phase.Tasks.Count} task(s)");
            text.AppendLine(phase.TimedOut ? ", TIMED OUT" : "");
            foreach (var task in phase.Tasks)
            {
                if (task.Failure is { } failure) text.AppendLine(Invariant, $"    task '{task.Name}' failed: {Describe(failure)}");
                else if (task.TimedOut) text.AppendLine(Invariant, $"    task '{task.Name}' timed out");
            }
        }
        if (idle > 0) text.AppendLine(Invariant, $"  ({idle} phase(s) with nothing to do)");
    }

    private static void WriteActors(StringBuilder text, IReadOnlyList<ActorOutcome> actors)
    {
        var counts = new int[Enum.GetValues<ActorFate>().Length];
        foreach (var actor in actors) counts[(int)actor.Fate]++;
        text.Append(Invariant, $"Actors: {actors.Count}");
        foreach (var fate in Enum.GetValues<ActorFate>()) text.Append(Invariant, $", {counts[(int)fate]} {fate.ToString().ToLowerInvariant()}");
        text.AppendLine();
        WriteNotable(text, "resisted", actors.Where(a => a.CancelAttempts > 1), a => $"{a.Path} ({a.CancelAttempts} attempts)");
        WriteNotable(text, "escalated", actors.Where(a => a.Fate == ActorFate.Escalated), a => a.Path);
        WriteNotable(text, "abandoned", actors.Where(a => a.Fate == ActorFate.Abandoned), a => a.Path);
        WriteNotable(text, "failed", actors.Where(a => a.Failure is not null), a => $"{a.Path} ({Describe(a.Failure!)})");
        WriteNotable(text, "shielded", actors.Where(a => a.Shielded), a => $"{a.Path} ({a.Fate.ToString().ToLowerInvariant()})");
        WriteNotable(text, "excluded", actors.Where(a => a.Excluded), a => a.Path);
    }

    private static void WriteLeases(StringBuilder text, IReadOnlyList<LeaseOutcome> leases)
    {
        if (leases.Count == 0) return;
        text.AppendLine(Invariant, $"Leases: {leases.Count}");
        foreach (var lease in leases)
        {
            var outcome = lease.Failure is { } failure ? $"release FAILED: {Describe(failure)}" : lease.Released ? "released" : "not held";
            text.AppendLine(Invariant, $"  {lease.LeaseName} ({lease.Owner}): {outcome}");
        }
    }

    private static void WriteNotable(StringBuilder text, string label, IEnumerable<ActorOutcome> actors, Func<ActorOutcome, string> describe)
    {
        var all = actors.ToList();
        if (all.Count == 0) return;
        text.Append(Invariant, $"  {label}: ").AppendJoin(", ", all.Take(MaxNamed).Select(describe));
        if (all.Count > MaxNamed) text.Append(Invariant, $", and {all.Count - MaxNamed} more");
        text.AppendLine();
    }

    /// <summary>A signal's name, else the reason's class name (Akka's reasons print their full nested type name).</summary>
    private static string Name(Akka.Actor.CoordinatedShutdown.Reason reason) => reason is SignalReason signal ? signal.Signal.ToString() : reason.GetType().Name;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000s", Invariant);

    private static string Describe(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";
}
