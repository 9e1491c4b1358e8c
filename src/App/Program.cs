using System.CommandLine;
using ActorShutdown.App;
using ActorShutdown.App.Scenarios;
using ActorShutdown.App.Service;
using ActorShutdown.Configuration;

var runFor = new Option<string?>("--run-for") { HelpName = "duration", Description = "Stop by itself after this long (e.g. 10s, 500ms, 2m); default: run until Ctrl+C or SIGTERM." };
var workers = new Option<int?>("--workers") { HelpName = "n", Description = "How many job-processing workers (default: app.workers in app.conf)." };
var report = new Option<string?>("--report") { HelpName = "file.json", Description = "Write the shutdown report, as JSON, to this file." };
var ledger = new Option<string?>("--ledger") { HelpName = "file", Description = $"The ledger file completed jobs are appended to (default: {DemoService.DefaultLedgerPath})." };
var set = new Option<string[]>("--set") { HelpName = "key=value", Description = "Override a setting of app.conf, as HOCON (e.g. app.workers=8); may be repeated.", AllowMultipleArgumentsPerToken = false };
var verbose = new Option<bool>("--verbose") { Description = "Log at Information level (default: warnings and errors)." };

var root = new RootCommand("""
    ActorShutdown demo service: producers, cancellable workers, a stubborn worker, a shielded ledger and an
    excluded metrics actor in a Generic Host. Runs until Ctrl+C or SIGTERM (a second Ctrl+C exits at once), shows
    the shutdown's progress, prints its report and exits with its exit code (0 clean, 3 not clean).
    """)
{
    runFor, workers, report, ledger, set, verbose,
};
root.SetAction(async (parse, _) =>
{
    TimeSpan? duration = parse.GetValue(runFor) is { } text ? Durations.Parse(text) : null;
    var options = new ServiceOptions(duration, parse.GetValue(workers), parse.GetValue(report), parse.GetValue(ledger),
        parse.GetValue(set) ?? [], parse.GetValue(verbose));
    return await Run(() => DemoService.RunAsync(options)).ConfigureAwait(false);
});

var plan = new Command("plan", "Print the shutdown phases in the order they run, with their timeouts and tasks.") { set };
plan.SetAction(async (parse, _) => await Run(() => Plan.PrintAsync(parse.GetValue(set) ?? [], Console.Out)).ConfigureAwait(false));
root.Subcommands.Add(plan);

var name = new Argument<string>("name") { Description = "The source system to replay." };
name.AcceptOnlyFromAmong("cancel-all", "force-cancel", "interrupted", "shielded");
var scale = new Option<double>("--time-scale")
{
    HelpName = "factor",
    Description = "How fast the seeds' durations run: 0.25 (default) makes the seed's 4 s take 1 s; 1 is real time.",
    DefaultValueFactory = _ => 0.25,
};
scale.Validators.Add(r =>
{
    if (r.GetValue(scale) is <= 0 or > 10) r.AddError("--time-scale must be above 0 and at most 10.");
});
var seed = new Option<int?>("--seed") { HelpName = "n", Description = "The random seed of cancel-all (default: a new one each run)." };
var child = new Option<bool>("--child") { Hidden = true };
var scenario = new Command("scenario", """
    Replay one of the four source systems and tell what happened in their terms (which units finished, which
    were cancelled, after how many attempts). Exits 0 when it behaved as its seed describes.
    """)
{
    name, scale, seed, child,
};
scenario.SetAction(async (parse, _) =>
{
    var clock = new ScenarioClock(parse.GetValue(scale));
    return await Run(() => parse.GetValue(name) switch
    {
        "cancel-all" => CancelAllScenario.RunAsync(clock, parse.GetValue(seed) ?? Random.Shared.Next(), Console.Out),
        "force-cancel" => ForceCancelScenario.RunAsync(clock, Console.Out),
        "interrupted" when parse.GetValue(child) => InterruptedScenario.RunChildAsync(),
        "interrupted" => InterruptedScenario.RunAsync(Console.Out),
        "shielded" => ShieldedScenario.RunAsync(clock, Console.Out),
        var other => throw new ArgumentException($"Unknown scenario {other}"),
    }).ConfigureAwait(false);
});
root.Subcommands.Add(scenario);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    // A usage error: exit code 2, as for a bad setting (1 is a clean shutdown with an unknown reason).
    foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
    return 2;
}
// No ProcessTerminationTimeout: the host's lifetime and the actor systems handle SIGINT and SIGTERM themselves.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);

// A bad setting is a usage error (exit code 2) with a clear message, not a stack trace.
static async Task<int> Run(Func<Task<int>> command)
{
    try
    {
        return await command().ConfigureAwait(false);
    }
    catch (ConfigurationException e)
    {
        await Console.Error.WriteLineAsync($"Configuration error: {e.Message}").ConfigureAwait(false);
        return 2;
    }
}
