namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>What a scenario actor does.</summary>
public enum ScenarioKind
{
    /// <summary>No Cancel handler: the first request stops it (<see cref="IdleActor"/>).</summary>
    Idle,

    /// <summary>Swallows <see cref="ScenarioNode.Swallow"/> cancel requests, all of them for int.MaxValue (<see cref="ResisterActor"/>).</summary>
    Resister,

    /// <summary>A cleanup of <see cref="ScenarioNode.Duration"/> on its Cancel, cut short by the next (<see cref="SlowCleanupActor"/>).</summary>
    SlowCleanup,

    /// <summary>Its PostStop throws (<see cref="ThrowerActor"/>).</summary>
    Thrower,

    /// <summary>Blocked on its thread from before the shutdown (<see cref="TestKit.Chaos.BlocksThread"/>).</summary>
    Blocker,

    /// <summary>Creates children when cancelled (<see cref="SpawnerActor"/>).</summary>
    Spawner,

    /// <summary>Stops by itself <see cref="ScenarioNode.Duration"/> after its start, swallowing cancels (<see cref="FinisherActor"/>).</summary>
    Finisher,

    /// <summary>A job of <see cref="ScenarioNode.Duration"/> then <see cref="ScenarioNode.Messages"/> queued messages (<see cref="WorkerActor"/>).</summary>
    Worker,

    /// <summary>Has children; swallows <see cref="ScenarioNode.Swallow"/> cancel requests (<see cref="ParentActor"/>).</summary>
    Parent,
}
