using System.Text;
using System.Text.Json;

namespace ActorShutdown;

/// <summary>
/// Writes a <see cref="ShutdownReport"/> as JSON. Written field by field rather than serialized by
/// reflection, so that field names stay stable whatever the records' shapes become, and exceptions
/// appear as <c>{type, message}</c> rather than their whole object graph.
/// </summary>
internal static class ShutdownReportJson
{
    internal static string Write(ShutdownReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("reason", report.Reason.Name);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteBoolean("clean", report.Clean);
            json.WriteString("startedAt", report.StartedAt);
            json.WriteNumber("durationMs", report.Duration.TotalMilliseconds);
            json.WriteStartArray("phases");
            foreach (var phase in report.Phases) WritePhase(json, phase);
            json.WriteEndArray();
            json.WriteStartArray("actors");
            foreach (var actor in report.Actors) WriteActor(json, actor);
            json.WriteEndArray();
            json.WriteStartArray("leases");
            foreach (var lease in report.Leases) WriteLease(json, lease);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePhase(Utf8JsonWriter json, PhaseOutcome phase)
    {
        json.WriteStartObject();
        json.WriteString("name", phase.Name);
        json.WriteNumber("durationMs", phase.Duration.TotalMilliseconds);
        json.WriteBoolean("timedOut", phase.TimedOut);
        json.WriteStartArray("tasks");
        foreach (var task in phase.Tasks)
        {
            json.WriteStartObject();
            json.WriteString("name", task.Name);
            json.WriteNumber("durationMs", task.Duration.TotalMilliseconds);
            json.WriteBoolean("timedOut", task.TimedOut);
            WriteFailure(json, task.Failure);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter json, ActorOutcome actor)
    {
        json.WriteStartObject();
        json.WriteString("path", actor.Path);
        json.WriteBoolean("shielded", actor.Shielded);
        json.WriteBoolean("excluded", actor.Excluded);
        json.WriteNumber("cancelAttempts", actor.CancelAttempts);
        json.WriteString("fate", actor.Fate.ToString());
        json.WriteNumber("stoppedAfterMs", actor.StoppedAfter.TotalMilliseconds);
        WriteFailure(json, actor.Failure);
        json.WriteEndObject();
    }

    private static void WriteLease(Utf8JsonWriter json, LeaseRelease lease)
    {
        json.WriteStartObject();
        json.WriteString("lease", lease.LeaseName);
        json.WriteString("owner", lease.Owner);
        json.WriteString("actor", lease.ActorPath);
        json.WriteNumber("releasedAfterMs", lease.ReleasedAfter.TotalMilliseconds);
        json.WriteBoolean("released", lease.Released);
        WriteFailure(json, lease.Failure);
        json.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter json, Exception? failure)
    {
        if (failure is null)
        {
            json.WriteNull("failure");
            return;
        }
        json.WriteStartObject("failure");
        json.WriteString("type", failure.GetType().FullName);
        json.WriteString("message", failure.Message);
        json.WriteEndObject();
    }
}
