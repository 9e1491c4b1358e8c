namespace ActorShutdown.Coordination;

/// <summary>Placeholder until the port lands.</summary>
internal static class Placeholder;
