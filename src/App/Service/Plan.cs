using System.Globalization;
using ActorShutdown.App.Configuration;
using ActorShutdown.App.Terminal;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorShutdown.App.Service;

/// <summary>The <c>plan</c> command: the service's shutdown phases in order, with their timeouts and tasks.</summary>
internal static class Plan
{
    private const string Marker = "shutdown-guardian-phase-marker";

    public static async Task<int> PrintAsync(Akka.Configuration.Config config, AppSettings settings, TextWriter output)
    {
        // The same host as the service's (so the same fitted timeouts), never started: no actor runs.
        using var host = AppHost.Build(config, settings, new ConsoleUi(TextWriter.Null, live: false), verbose: false, _ => { });
        AppHost.Check(host);
        var system = host.Services.GetRequiredService<ActorSystem>();
        ServiceActors.AddTasks(system, [], metrics: null, Task.CompletedTask);
        var shutdown = CoordinatedShutdown.Get(system);
        var guardian = system.Settings.Config.GetConfig("akka.shutdown-guardian");
        var cancelPhase = guardian.GetString("cancel-phase");
        var shieldPhase = guardian.GetString("shield-phase");
        var phases = AkkaInternals.PhaseOrder(shutdown);

        output.WriteLine($"Shutdown plan of the demo service '{system.Name}': the phases in the order they run");
        var width = phases.Max(p => p.Length);
        var indent = new string(' ', width + 17);
        output.WriteLine($"   #  {"phase".PadRight(width)}  timeout  tasks");
        var sum = TimeSpan.Zero;
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i];
            var timeout = shutdown.Timeout(phase);
            sum += timeout;
            var tasks = AkkaInternals.TaskNames(shutdown, phase).Where(t => t != Marker).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {i + 1,2}  {phase.PadRight(width)}  {Durations.Format(timeout),7}  {(tasks.Count == 0 ? "-" : string.Join(", ", tasks))}"));
            if (phase == cancelPhase)
                output.WriteLine($"{indent}the guardian cancels every actor under /user; re-sends every {Durations.Format(guardian.GetTimeSpan("cancel-interval"))}, " +
                    $"escalates ({guardian.GetString("escalation")}) after {guardian.GetInt("max-cancel-attempts")} requests, abandons {Durations.Format(guardian.GetTimeSpan("escalation-timeout"))} later");
            if (phase == shieldPhase)
                output.WriteLine($"{indent}shielded actors drain their queued work: {List(guardian.GetStringList("shielded-paths"))}");
            if (phase == CoordinatedShutdown.PhaseActorSystemTerminate)
                output.WriteLine($"{indent}the system terminates; excluded actors stop here: {List(guardian.GetStringList("excluded-paths"))}");
        }
        output.WriteLine($"At most {Durations.Format(sum)} in all, within the deadline of {Durations.Format(guardian.GetTimeSpan("deadline"))} " +
            $"(90% of the host's ShutdownTimeout of {Durations.Format(settings.HostShutdownTimeout)}, unless configured shorter).");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return 0;
    }

    private static string List(IList<string> paths) => paths.Count == 0 ? "(none)" : string.Join(", ", paths);
}
