using ActorShutdown.Benchmarks;
using BenchmarkDotNet.Running;

// `shutdown` runs the shutdown benchmark and its baselines (a table, and a results file with --save);
// `shutdown-one <scenario> <n> [warm|cold]` is one measurement in a fresh process (used by `shutdown`, so peak
// memory is per scenario);
// anything else goes to BenchmarkDotNet (e.g. `--filter *PingPong*`).
return args switch
{
    ["shutdown", .. var rest] => await ShutdownBenchmark.RunAllAsync(rest),
    ["shutdown-one", var scenario, var n, .. var mode] =>
        await ShutdownBenchmark.RunOneAsync(scenario, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), cold: mode is ["cold"]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
    return 0;
}
