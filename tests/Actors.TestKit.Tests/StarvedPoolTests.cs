using Akka.Actor;
using Xunit.Abstractions;

namespace ActorShutdown.TestKit.Tests;

/// <summary>Starves the whole process's thread pool on purpose: run alone, so no other test waits behind it.</summary>
[CollectionDefinition(nameof(StarvedPoolTests), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(StarvedPoolTests))]
public sealed class StarvedPoolTests(ITestOutputHelper output) : ShutdownTestKit(null, output)
{
    [Fact]
    public async Task A_starved_thread_pool_slows_the_run_without_changing_its_virtual_times()
    {
        var actors = Enumerable.Range(0, 50).Select(i => (Swallows: i % 5, Ref: Sys.ActorOf(Chaos.SwallowsCancels(i % 5), $"swallower-{i}"))).ToList();
        var slow = Sys.ActorOf(Chaos.SlowCleanup(TimeSpan.FromMilliseconds(2500), Time), "slow-cleanup");
        using var hold = new ManualResetEventSlim();
        // More blocked pool threads than the pool keeps ready: every work item waits until the pool adds threads.
        for (var i = 0; i < Environment.ProcessorCount + 2; i++) ThreadPool.UnsafeQueueUserWorkItem(h => h.Wait(), hold, preferLocal: false);
        try
        {
            var report = await RunShutdown();

            Assert.Equal(TimeSpan.FromSeconds(1), report.For(slow)?.StoppedAfter);
            Assert.All(actors, a => Assert.Equal(TimeSpan.FromSeconds(a.Swallows), report.For(a.Ref)?.StoppedAfter));
        }
        finally
        {
            hold.Set();
        }
    }
}
