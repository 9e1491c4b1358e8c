using System.Globalization;
using ActorShutdown.App.Terminal;
using Microsoft.Extensions.DependencyInjection;

namespace ActorShutdown.App.Service;

/// <summary>The <c>plan</c> command: the service's shutdown phases in order, with their timeouts and tasks.</summary>
internal static class Plan
{
    public static async Task<int> PrintAsync(IReadOnlyList<string> overrides, TextWriter output)
    {
        var config = AppConfig.Load(overrides);
        var settings = AppSettings.From(config);
        // The same host as the service's (so the same deadline), never started: no actors run.
        using var host = AppHost.Build(config, settings, new ConsoleUi(TextWriter.Null, live: false), verbose: false, (_, _) => { });
        var system = host.Services.GetRequiredService<ActorSystem>();
        ServiceActors.AddTasks(system, [], metrics: null);
        var shutdown = CoordinatedShutdown.Get(system);
        var guardian = system.Config.GetConfig("actors.shutdown-guardian");
        var cancelPhase = guardian.GetString("cancel-phase");
        var shieldPhase = guardian.GetString("shield-phase");

        output.WriteLine($"Shutdown plan of the demo service '{system.Name}': the phases in the order they run");
        var width = shutdown.OrderedPhases.Max(p => p.Length);
        var indent = new string(' ', width + 17);
        output.WriteLine($"   #  {"phase".PadRight(width)}  timeout  tasks");
        var sum = TimeSpan.Zero;
        for (var i = 0; i < shutdown.OrderedPhases.Count; i++)
        {
            var phase = shutdown.OrderedPhases[i];
            var timeout = shutdown.Timeout(phase);
            sum = sum == Timeout.InfiniteTimeSpan || timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : sum + timeout;
            var tasks = shutdown.TaskNames(phase);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {i + 1,2}  {phase.PadRight(width)}  {Durations.Format(timeout),7}  {(tasks.Count == 0 ? "-" : string.Join(", ", tasks))}"));
            if (phase == cancelPhase)
                output.WriteLine($"{indent}the guardian cancels every actor under /user; resends every {Durations.Format(guardian.GetTimeSpan("cancel-interval"))}, " +
                    $"escalates ({guardian.GetString("escalation")}) after {guardian.GetInt("max-cancel-attempts")} requests, abandons {Durations.Format(guardian.GetTimeSpan("escalation-timeout"))} later");
            if (phase == shieldPhase)
                output.WriteLine($"{indent}shielded actors drain their queued work: {List(guardian.GetStringList("shielded-paths"))}");
            if (phase == CoordinatedShutdown.PhaseActorSystemTerminate)
                output.WriteLine($"{indent}the system terminates; excluded actors stop here: {List(guardian.GetStringList("excluded-paths"))}");
        }
        output.WriteLine($"At most {Durations.Format(shutdown.TotalTimeout)} in all: the phases' timeouts add up to {Durations.Format(sum)}, " +
            $"and the deadline is 90% of the host's ShutdownTimeout ({Durations.Format(settings.HostShutdownTimeout)}).");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return 0;
    }

    private static string List(IReadOnlyList<string> paths) => paths.Count == 0 ? "(none)" : string.Join(", ", paths);
}
