using System.CommandLine;
using ActorShutdown.App.Configuration;
using ActorShutdown.App.Scenarios;
using ActorShutdown.App.Service;
using Akka.Configuration;

var runFor = new Option<string?>("--run-for") { HelpName = "duration", Description = "Stop by itself after this long (e.g. 10s, 500ms, 2m); default: run until Ctrl+C or SIGTERM." };
var workers = new Option<string?>("--workers") { HelpName = "n", Description = "How many job-processing workers (default: app.workers in app.conf, 4)." };
var report = new Option<string?>("--report") { HelpName = "file.json", Description = "Write the shutdown report, as JSON, to this file." };
var ledger = new Option<string?>("--ledger") { HelpName = "file", Description = $"The file completed jobs are appended to (default: {DemoService.DefaultLedgerPath})." };
var set = new Option<string[]>("--set") { HelpName = "key=value", Description = "Override a setting of app.conf, the library or Akka, as HOCON (e.g. app.workers=8); may be repeated.", AllowMultipleArgumentsPerToken = false };
var verbose = new Option<bool>("--verbose") { Description = "Log at Information level (default: warnings and errors)." };

var root = new RootCommand("""
    ActorShutdown demo service on Akka.NET: producers, cancellable workers, a stubborn worker, a shielded ledger and an
    excluded metrics actor, run by a .NET Generic Host with Akka.Hosting. Runs until Ctrl+C or SIGTERM (a second Ctrl+C
    exits at once), shows the shutdown's progress, prints its report and exits with its exit code (0 clean, 70 not).
    """)
{
    runFor, workers, report, ledger, set, verbose,
};
root.SetAction(async (parse, _) =>
{
    DemoService.Prepared prepared;
    try
    {
        var duration = OptionChecks.RunFor(parse.GetValue(runFor));
        var workerCount = OptionChecks.Workers(parse.GetValue(workers));
        var reportPath = OptionChecks.WritableFile("--report", parse.GetValue(report));
        var ledgerPath = OptionChecks.WritableFile("--ledger", parse.GetValue(ledger) ?? DemoService.DefaultLedgerPath)!;
        var settings = OptionChecks.Settings(parse.GetValue(set) ?? [], KnownSettings.Load()).ToList();
        if (workerCount is { } count)
            settings.Add(new Setting("app.workers", $"{count}", ConfigurationFactory.ParseString($"app.workers = {count}")));
        var (config, appSettings) = Load(settings);
        prepared = DemoService.Prepare(new ServiceOptions(duration, reportPath, ledgerPath, config, appSettings, parse.GetValue(verbose)));
    }
    catch (UsageException e)
    {
        return UsageError(e.Message);
    }
    catch (ConfigurationException e)
    {
        return UsageError(ConfigurationError(parse.GetValue(set), e));
    }
    return await DemoService.RunAsync(prepared).ConfigureAwait(false);
});

var plan = new Command("plan", "Print the shutdown phases in the order they run, with their timeouts and tasks.") { set };
plan.SetAction(async (parse, _) =>
{
    try
    {
        var (config, settings) = Load(OptionChecks.Settings(parse.GetValue(set) ?? [], KnownSettings.Load()));
        return await Plan.PrintAsync(config, settings, Console.Out).ConfigureAwait(false);
    }
    catch (UsageException e)
    {
        return UsageError(e.Message);
    }
    catch (ConfigurationException e)
    {
        return UsageError(ConfigurationError(parse.GetValue(set), e));
    }
});
root.Subcommands.Add(plan);

var name = new Argument<string>("name") { Description = "The pattern to replay: cancel-all, force-cancel, interrupted or shielded." };
name.AcceptOnlyFromAmong("cancel-all", "force-cancel", "interrupted", "shielded");
var scale = new Option<double>("--time-scale")
{
    HelpName = "factor",
    Description = "How fast the seeds' durations run: 0.25 (default) makes the seed's 4 s take 1 s; 1 is real time.",
    DefaultValueFactory = _ => 0.25,
};
scale.Validators.Add(r =>
{
    if (r.GetValue(scale) is <= 0 or > 10) r.AddError("--time-scale: must be above 0 and at most 10");
});
var seed = new Option<int?>("--seed") { HelpName = "n", Description = "The random seed of cancel-all (default: a new one each run)." };
var child = new Option<bool>("--child") { Hidden = true };
var scenario = new Command("scenario", """
    Replay one of the four asyncio shutdown patterns on actors, say in plain words what happened (which workers
    finished, which were cancelled, after how many requests), and exit 0 when it behaved as the pattern describes.
    """)
{
    name, scale, seed, child,
};
scenario.SetAction(async (parse, _) =>
{
    var clock = new ScenarioClock(parse.GetValue(scale));
    return parse.GetValue(name) switch
    {
        "cancel-all" => await CancelAllScenario.RunAsync(clock, parse.GetValue(seed) ?? Random.Shared.Next(), Console.Out).ConfigureAwait(false),
        "force-cancel" => await ForceCancelScenario.RunAsync(clock, Console.Out).ConfigureAwait(false),
        "interrupted" when parse.GetValue(child) => await InterruptedScenario.RunChildAsync().ConfigureAwait(false),
        "interrupted" => await InterruptedScenario.RunAsync(Console.Out).ConfigureAwait(false),
        _ => await ShieldedScenario.RunAsync(clock, Console.Out).ConfigureAwait(false),
    };
});
root.Subcommands.Add(scenario);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
    return UsageError($"{parsed.Errors[0].Message} (run with --help for usage)");
// No ProcessTerminationTimeout: the host's lifetime and the actor systems handle SIGINT and SIGTERM themselves.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);

// app.conf with the overrides, and its app section, checked.
static (Config Config, AppSettings Settings) Load(IReadOnlyList<Setting> settings)
{
    var config = AppConfig.Load(settings);
    return (config, AppSettings.From(config));
}

// A setting that is well-formed HOCON but a bad value: the key is in the message; the option is --set (or app.conf).
static string ConfigurationError(string[]? sets, ConfigurationException e) =>
    $"{(sets is { Length: > 0 } ? "--set" : "app.conf")}: {e.Message.Split('\n')[0].Trim()}";

// Usage errors exit with 2 (1 is a clean shutdown whose reason says 1, 70 an unclean one), in one line, no stack trace.
static int UsageError(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}
