namespace ActorShutdown.Hosting;

/// <summary>Placeholder until the port lands.</summary>
internal static class Placeholder;
