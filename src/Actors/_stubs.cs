// TEMPORARY: stands in for the HOCON layer, phase engine and metrics until their branches merge. Deleted by that merge.
#pragma warning disable CS1591
namespace ActorShutdown.Configuration
{
public sealed class Config { public static Config Empty {get;} = new(); public Config WithFallback(Config f) => this; }
public static class ConfigurationFactory { public static Config Default() => Config.Empty; public static Config ParseString(string s) => Config.Empty; }
}
namespace ActorShutdown
{
internal sealed class ActorSystemSettings { public int Throughput {get;}= 30; public int LogDeadLetters {get;}= 10; public TimeSpan AskTimeout {get;} = TimeSpan.FromSeconds(5); public static ActorSystemSettings FromConfig(ActorShutdown.Configuration.Config c) => new(); }
}
namespace ActorShutdown
{
internal sealed class TestKitSettings { public TimeSpan SingleExpectDefault {get;} = TimeSpan.FromSeconds(3); public double TimeFactor {get;} = 1; public TimeSpan DefaultTimeout {get;} = TimeSpan.FromSeconds(5); public static TestKitSettings FromConfig(ActorShutdown.Configuration.Config c) => new(); }
}
namespace ActorShutdown.Configuration
{
public static partial class ConfigurationFactoryX { }
}
