namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>How a scenario actor is protected: by a call on the guardian, by a path in the config, or not at all.</summary>
public enum ScenarioProtection
{
    None,
    Shield,
    Exclude,
    ShieldedPath,
    ExcludedPath,
}
