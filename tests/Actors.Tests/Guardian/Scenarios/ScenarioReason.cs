namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>How a scenario's shutdown starts.</summary>
public enum ScenarioReason
{
    /// <summary><c>CoordinatedShutdown.Run(UnknownReason)</c>.</summary>
    Unknown,

    /// <summary><c>Run(new SignalReason(SIGINT))</c>.</summary>
    Sigint,

    /// <summary><c>Run(new SignalReason(SIGTERM))</c>.</summary>
    Sigterm,

    /// <summary><c>ActorSystem.Terminate()</c>.</summary>
    Terminate,
}
