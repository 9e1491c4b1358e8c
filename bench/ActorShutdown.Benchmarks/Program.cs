using System.Globalization;
using ActorShutdown.Benchmarks;

// `shutdown [--save] [--quick]`: the whole benchmark — every scenario on both sides, the baselines and the ping-pong —
// a table of ratios, and with --save a results file under bench/results.
// `one <scenario> <n> <plain|guardian> <warm|cold|none>`: one measurement in this (fresh) process, as a JSON line.
// `pingpong [BenchmarkDotNet args]`: the ping-pong alone, through BenchmarkDotNet.
return args switch
{
    ["shutdown", .. var rest] => await ShutdownBenchmark.RunAllAsync(rest),
    ["one", var scenario, var n, var side, var mode] =>
        await ShutdownBenchmark.RunOneAsync(scenario, int.Parse(n, CultureInfo.InvariantCulture), side == "guardian", mode),
    ["pingpong", .. var rest] => PingPong.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: shutdown [--save] [--quick] | one <scenario> <n> <plain|guardian> <warm|cold|none> | pingpong");
    return 2;
}
