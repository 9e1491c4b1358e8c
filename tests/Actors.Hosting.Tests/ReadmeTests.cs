using System.Reflection;
using System.Text.RegularExpressions;

namespace ActorShutdown.Hosting.Tests;

/// <summary>The README's promises about itself: its first lines, and snippets that are the sample projects (which this project builds).</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = Path.GetFullPath(typeof(ReadmeTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    private static string Readme => File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_readme_starts_with_the_two_commands()
    {
        Assert.StartsWith("# ActorShutdown\n\n```sh\ndotnet run --project src/App\ndotnet test ActorShutdown.sln\n```\n", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_snippet_is_the_sample_file_it_names()
    {
        var snippets = Snippet().Matches(Readme);
        Assert.Equal(["samples/BareSystem/Program.cs", "samples/GenericHost/Program.cs"], snippets.Select(m => m.Groups["file"].Value));
        foreach (Match snippet in snippets)
        {
            var file = File.ReadAllText(Path.Combine(Root, snippet.Groups["file"].Value)).ReplaceLineEndings("\n").TrimEnd();
            Assert.True(file == snippet.Groups["code"].Value.TrimEnd(), $"The README's snippet of {snippet.Groups["file"].Value} differs from the file");
        }
    }

    [Fact]
    public void The_readme_keeps_a_performance_section()
    {
        Assert.Contains("\n## Performance\n", Readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<!-- snippet: (?<file>\S+) -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Snippet();
}
