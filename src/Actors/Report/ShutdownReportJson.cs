using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorShutdown;

/// <summary>
/// Writes a <see cref="ShutdownReport"/> as JSON, field by field, so that names stay stable whatever the records
/// become and an exception appears as <c>{type, message}</c> instead of its whole object graph.
/// </summary>
internal static class ShutdownReportJson
{
    private static readonly JsonTypeInfo<TimeSpan> TimeSpanInfo =
        (JsonTypeInfo<TimeSpan>)JsonSerializerOptions.Default.GetTypeInfo(typeof(TimeSpan));

    internal static string Write(ShutdownReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("reason", report.Reason.GetType().Name);
            if (report.Reason is SignalReason signal) json.WriteString("signal", signal.ToString());
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteBoolean("clean", report.Clean);
            // Relaxed escaping: the offset's "+" stays a "+", so startedAt reads as a plain timestamp.
            json.WriteString("startedAt", report.StartedAt);
            WriteDuration(json, "duration", report.Duration);
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
        WriteDuration(json, "duration", phase.Duration);
        json.WriteBoolean("timedOut", phase.TimedOut);
        json.WriteStartArray("tasks");
        foreach (var task in phase.Tasks)
        {
            json.WriteStartObject();
            json.WriteString("name", task.Name);
            WriteDuration(json, "duration", task.Duration);
            WriteFailure(json, task.Failure);
            json.WriteBoolean("timedOut", task.TimedOut);
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
        WriteDuration(json, "stoppedAfter", actor.StoppedAfter);
        WriteFailure(json, actor.Failure);
        json.WriteEndObject();
    }

    private static void WriteLease(Utf8JsonWriter json, LeaseOutcome lease)
    {
        json.WriteStartObject();
        json.WriteString("leaseName", lease.LeaseName);
        json.WriteString("owner", lease.Owner);
        json.WriteBoolean("released", lease.Released);
        WriteFailure(json, lease.Failure);
        json.WriteEndObject();
    }

    private static void WriteDuration(Utf8JsonWriter json, string name, TimeSpan value)
    {
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, value, TimeSpanInfo);
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
