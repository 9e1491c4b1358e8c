using Akka.Actor;
using ActorShutdown;

namespace ActorShutdown.Tests.Guardian;

public sealed class PathPatternTests
{
    private static readonly ActorPath Root = new RootActorPath(new Address("akka", "sys"));

    private static ActorPath PathOf(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Root, (p, name) => p / name);

    [Theory]
    [InlineData("/user/ledger", "/user/ledger", true)]
    [InlineData("/user/ledger", "/user/ledger/child", false)]
    [InlineData("/user/ledger", "/user/ledger2", false)]
    [InlineData("/user/audit/*", "/user/audit/a", true)]
    [InlineData("/user/audit/*", "/user/audit", false)]
    [InlineData("/user/audit/*", "/user/audit/a/b", false)]
    [InlineData("/user/*/worker", "/user/pool/worker", true)]
    [InlineData("/user/*/worker", "/system/pool/worker", false)]
    public void A_star_matches_exactly_one_segment(string pattern, string path, bool matches) =>
        Assert.Equal(matches, new PathPattern(pattern).Matches(PathOf(path)));

    [Theory]
    [InlineData("/user/a", true)]
    [InlineData("/user/a/*", true)]
    [InlineData("/user", false)]
    [InlineData("/user/", false)]
    [InlineData("user/a", false)]
    [InlineData("/system/a", false)]
    [InlineData("/user//a", false)]
    public void Only_paths_under_user_are_valid(string pattern, bool valid) => Assert.Equal(valid, PathPattern.IsValid(pattern));
}
