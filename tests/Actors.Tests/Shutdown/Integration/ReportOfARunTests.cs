using System.Text.Json;
using ActorShutdown.Tests.Shutdown.Support;

namespace ActorShutdown.Tests.Shutdown.Integration;

/// <summary>The ShutdownReport of a run through a real system: Clean, ExitCode and the JSON fields.</summary>
public sealed class ReportOfARunTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task Clean_run_exits_with_the_reasons_code_and_reports_every_phase_and_actor()
    {
        var reason = new TestReason("deploy", exitCode: 7);
        var worker = ActorOf(Props.Create<Idle>(), "worker");
        var shutdown = CoordinatedShutdown.Get(Sys);

        var report = await shutdown.Run(reason).WaitAsync(Harness.Guard);

        Assert.True(report.Clean, report.ToString());
        Assert.Equal(7, report.ExitCode);
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal("deploy", root.GetProperty("reason").GetString());
        Assert.Equal(7, root.GetProperty("exitCode").GetInt32());
        Assert.True(root.GetProperty("clean").GetBoolean());
        Assert.Equal(report.StartedAt, root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(report.Duration.TotalMilliseconds, root.GetProperty("durationMs").GetDouble());
        var phases = root.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(shutdown.OrderedPhases, phases.Select(p => p.GetProperty("name").GetString()));
        Assert.All(phases, p => Assert.False(p.GetProperty("timedOut").GetBoolean()));
        var taskNames = phases.SelectMany(p => p.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("cancel-actors", taskNames);
        Assert.Contains("terminate-actor-system", taskNames);
        var actor = Assert.Single(root.GetProperty("actors").EnumerateArray(), a => a.GetProperty("path").GetString() == worker.Path.ToString());
        Assert.Equal("Stopped", actor.GetProperty("fate").GetString());
        Assert.Equal(1, actor.GetProperty("cancelAttempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, actor.GetProperty("failure").ValueKind);
    }

    [Fact]
    public async Task Failed_task_makes_the_run_unclean_with_exit_code_3_and_names_the_failure()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "flush", _ => throw new InvalidOperationException("disk full"));

        var report = await shutdown.Run(new TestReason("deploy", exitCode: 0)).WaitAsync(Harness.Guard);

        Assert.False(report.Clean);
        Assert.Equal(3, report.ExitCode);
        await Sys.WhenTerminated.WaitAsync(Harness.Guard);   // recover = on: the run went on to the end
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(3, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.False(json.RootElement.GetProperty("clean").GetBoolean());
        var flush = json.RootElement.GetProperty("phases").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == CoordinatedShutdown.PhaseServiceStop)
            .GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "flush");
        var failure = flush.GetProperty("failure");
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.GetProperty("type").GetString());
        Assert.Equal("disk full", failure.GetProperty("message").GetString());
        Assert.Contains("task 'flush' failed: InvalidOperationException: disk full", report.ToString());
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
