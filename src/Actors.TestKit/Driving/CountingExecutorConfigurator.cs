using Akka.Configuration;
using Akka.Dispatch;

namespace ActorShutdown.TestKit;

/// <summary>
/// The executor of a <see cref="ShutdownTestKit"/> system's dispatchers: the .NET thread pool, like Akka's
/// <c>default-executor</c>, but counting the mailbox runs under way in <see cref="SystemWork"/>, so the kit can tell
/// when the actors have reacted to a step of virtual time before it takes the next.
/// </summary>
/// <remarks>
/// <see cref="ExecutorServiceConfigurator"/> is marked <c>[InternalApi]</c> in Akka: it is the only way to see the
/// work of one actor system apart from whatever else the test process runs on the thread pool. Akka builds it by
/// name from <c>akka.actor.*-dispatcher.executor</c> with a <c>(Config, IDispatcherPrerequisites)</c> constructor;
/// the kit's tests check that its runs are counted, so a change there fails loudly.
/// </remarks>
internal sealed class CountingExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    /// <summary>The value of <c>executor</c> that selects this class.</summary>
    public const string Name = "ActorShutdown.TestKit.CountingExecutorConfigurator, ActorShutdown.TestKit";

    /// <inheritdoc />
    public override ExecutorService Produce(string id) => new CountingExecutor(id, SystemWork.Of(Prerequisites.Settings.System));

    private sealed class CountingExecutor(string id, SystemWork work) : ExecutorService(id)
    {
        public override void Execute(IRunnable run)
        {
            work.RunQueued();
            ThreadPool.UnsafeQueueUserWorkItem(static s =>
            {
                try
                {
                    s.Run.Run();
                }
                finally
                {
                    s.Work.RunEnded();
                }
            }, (Run: run, Work: work), preferLocal: false);
        }

        public override void Shutdown()
        {
        }
    }
}
