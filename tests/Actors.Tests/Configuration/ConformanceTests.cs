using System.Text.Json;
using ActorShutdown.Configuration;

namespace ActorShutdown.Tests.Configuration;

/// <summary>
/// Every .conf/.json file of every equivNN case of the shared HOCON conformance data, parsed and
/// resolved, equals that case's original.json. The data lives outside the repository (../shared);
/// when it is absent the test fails and says where it looked.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string> Cases() => new(Directory.Exists(RepositoryPaths.HoconConformance) ? CaseFiles() : ["(missing)"]);

    /// <summary>The case files, relative to the conformance folder, such as equiv01/comments.conf.</summary>
    private static IEnumerable<string> CaseFiles()
    {
        var root = RepositoryPaths.HoconConformance;
        return Directory.GetDirectories(root, "equiv*")
            .SelectMany(dir => Directory.GetFiles(dir))
            .Where(file => Path.GetFileName(file) != "original.json" &&
                           (file.EndsWith(".conf", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(root, file))
            .Order(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void File_equals_its_original_json(string relativePath)
    {
        var root = RepositoryPaths.HoconConformance;
        Assert.True(Directory.Exists(root), $"conformance data not found at {root}; it lives in ../shared/conformance/hocon beside the repository");

        var file = Path.Combine(root, relativePath);
        var expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(file)!, "original.json"));
        JsonTree.AssertEqual(expected, ConfigurationFactory.ParseFile(file));
    }

    [Fact]
    public void Every_case_folder_is_covered()
    {
        var root = RepositoryPaths.HoconConformance;
        Assert.True(Directory.Exists(root), $"conformance data not found at {root}; it lives in ../shared/conformance/hocon beside the repository");
        var covered = CaseFiles().Select(file => file.Split(Path.DirectorySeparatorChar)[0]).ToHashSet();
        var folders = Directory.GetDirectories(root, "equiv*").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);
        Assert.All(folders, folder => Assert.Contains(folder!, covered));
    }
}
