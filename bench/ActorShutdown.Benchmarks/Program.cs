using ActorShutdown.Benchmarks;
using BenchmarkDotNet.Running;

// `shutdown` runs the shutdown benchmark and its baselines (a table, and a results file with --save);
// `shutdown-one` is one measurement in a fresh process (used by `shutdown`, so peak memory is per scenario);
// anything else goes to BenchmarkDotNet (e.g. `--filter *PingPong*`).
return args switch
{
    ["shutdown", .. var rest] => await ShutdownBenchmark.RunAllAsync(rest),
    ["shutdown-one", var scenario, var n] => await ShutdownBenchmark.RunOneAsync(scenario, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
    return 0;
}
