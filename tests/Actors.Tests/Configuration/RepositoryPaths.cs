namespace ActorShutdown.Tests.Configuration;

/// <summary>Locates the repository (the folder holding ActorShutdown.sln) and the shared data beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ReferenceConf => Path.Combine(Root, "hocon", "reference.conf");

    public static string HoconConformance => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "hocon"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorShutdown.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"ActorShutdown.sln not found above {AppContext.BaseDirectory}");
    }
}
