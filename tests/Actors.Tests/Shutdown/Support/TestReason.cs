namespace ActorShutdown.Tests.Shutdown.Support;

/// <summary>A reason with a name of the test's choosing, to tell runs apart (in metrics, for example).</summary>
internal sealed class TestReason(string name, int exitCode = 0) : ShutdownReason(name, exitCode)
{
    public static TestReason Unique(int exitCode = 0) => new($"test-{Guid.NewGuid():N}", exitCode);
}
