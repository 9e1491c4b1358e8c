using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ActorShutdown.App.Service;
using ActorShutdown.App.Terminal;
using ActorShutdown.App.Configuration;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Hosting;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// The seed: Ctrl+C while workers are busy starts a graceful shutdown, whose cleanup is slow; a second Ctrl+C
/// exits at once. A process cannot press Ctrl+C twice on itself and live to tell, so this scenario plays the
/// user: it starts the service part (a Generic Host with three busy workers whose cleanup takes 60 s) as a
/// child process, sends it SIGINT, waits until the workers are cleaning up, sends SIGINT again, and checks
/// that the child exited at once with 130.
/// </summary>
internal static class InterruptedScenario
{
    private const int Workers = 3;
    private const string BusyMarker = "busy:";
    private const string CleaningMarker = "cleaning up:";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SecondPressAfter = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(TextWriter output)
    {
        output.WriteLine("scenario interrupted: Ctrl+C while 3 workers are busy; their cleanup is slow; a second Ctrl+C exits at once");
        using var child = ChildProcess.StartSelf(["scenario", "interrupted", "--child"]);
        output.WriteLine($"  started the service as child process {child.Id}: {child.CommandLine}");
        var problems = new List<string>();
        try
        {
            if (!await child.WaitForLinesAsync(BusyMarker, Workers, StepTimeout, Echo(output)).ConfigureAwait(false))
                return Fail(output, child, $"the child did not report {Workers} busy workers");
            output.WriteLine($"  Ctrl+C (1st): SIGINT to the child");
            var first = Stopwatch.StartNew();
            Signals.Send(child.Id, PosixSignal.SIGINT);
            if (!await child.WaitForLinesAsync(CleaningMarker, Workers, StepTimeout, Echo(output)).ConfigureAwait(false))
                return Fail(output, child, "the child's workers did not start cleaning up");
            // A person's second press comes a moment later: one within the Hosting package's same-signal window
            // (100 ms) would be taken for the first one delivered twice, as dotnet run does.
            if (first.Elapsed < SecondPressAfter) await Task.Delay(SecondPressAfter - first.Elapsed).ConfigureAwait(false);
            output.WriteLine($"  Ctrl+C (2nd): SIGINT to the child while its shutdown runs");
            var second = Stopwatch.StartNew();
            Signals.Send(child.Id, PosixSignal.SIGINT);
            var exited = await child.WaitForExitAsync(StepTimeout, Echo(output)).ConfigureAwait(false);
            var took = second.Elapsed;
            if (!exited) return Fail(output, child, "the child did not exit after the second Ctrl+C");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  the child exited {took.TotalSeconds:0.00} s after the second Ctrl+C, with exit code {child.ExitCode}; " +
                $"{Workers} workers had been interrupted in their work and never finished their cleanup"));
            if (child.ExitCode != 130) problems.Add($"exit code {child.ExitCode}, not 130");
            if (took > TimeSpan.FromSeconds(5)) problems.Add("the exit took more than 5 s");
            if (!child.Lines.Any(l => l.StartsWith("Second SIGINT during shutdown", StringComparison.Ordinal)))
                problems.Add("the child did not say why it exited");
            return Verdict.Print(output, problems, "the first Ctrl+C started a graceful shutdown, the second exited at once with 130");
        }
        finally
        {
            child.Kill();
        }
    }

    private static Action<string> Echo(TextWriter output) => line => output.WriteLine($"    child | {line}");

    private static int Fail(TextWriter output, ChildProcess child, string what)
    {
        output.WriteLine($"  {what}; its output ended with:");
        foreach (var line in child.Lines.TakeLast(20)) output.WriteLine($"    child | {line}");
        return Verdict.Print(output, [what], "");
    }

    /// <summary>The child: the App's Generic Host (the Hosting package handles the second Ctrl+C) with busy, slow-to-clean-up workers.</summary>
    public static async Task<int> RunChildAsync()
    {
        var ui = new ConsoleUi(live: false);
        // Requests re-sent only every 30 s: the shutdown stays in its cancel phase for as long as the user waits.
        var config = ConfigurationFactory.ParseString("""
            app.system-name = interrupted
            app.host-shutdown-timeout = 5m
            akka.shutdown-guardian { cancel-interval = 30s, shielded-paths = [], excluded-paths = [] }
            """).WithFallback(AppConfig.Load([]));
        var settings = AppSettings.From(config);
        using var host = AppHost.Build(config, settings, ui, verbose: false, system =>
        {
            for (var i = 1; i <= Workers; i++) system.ActorOf(Props.Create(() => new SlowCleaner(ui)), $"worker-{i}");
        });
        await host.RunAsync().ConfigureAwait(false);
        return Environment.ExitCode;
    }

    private sealed class SlowCleaner : CancellableReceiveActor
    {
        public SlowCleaner(ConsoleUi ui)
        {
            ReceiveAsync<string>(async _ =>
            {
                ui.WriteLine($"{BusyMarker} {Self.Path.Name} works (60 s)");
                await Task.Delay(TimeSpan.FromSeconds(60), Context.CancellationToken).ConfigureAwait(true);
            });
            ReceiveAsync<Cancel>(async cancel =>
            {
                ui.WriteLine($"{CleaningMarker} {Self.Path.Name} cancelled (request {cancel.Attempt}); its cleanup takes 60 s");
                await Task.Delay(TimeSpan.FromSeconds(60), Context.CancellationToken).ConfigureAwait(true);
                Context.Stop(Self);
            });
        }

        protected override void PreStart() => Self.Tell("work", Self);
    }
}
