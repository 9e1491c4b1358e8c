namespace ActorShutdown.App.Scenarios;

/// <summary>The last line of a scenario: whether it behaved as its seed describes, and the exit code that says so.</summary>
internal static class Verdict
{
    public static int Print(TextWriter output, IReadOnlyList<string> problems, string seedBehaviour)
    {
        if (problems.Count == 0)
        {
            output.WriteLine($"as the seed describes: {seedBehaviour} (exit code 0)");
            return 0;
        }
        output.WriteLine($"NOT as the seed describes: {string.Join("; ", problems)} (exit code 1)");
        return 1;
    }
}
