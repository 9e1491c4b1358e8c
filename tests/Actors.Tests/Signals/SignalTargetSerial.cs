namespace ActorShutdown.Tests.Signals;

/// <summary>
/// The tests that start SignalTarget processes run one after another: each child is a whole .NET process with an
/// actor system, and several at once on a small machine only make every wait longer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SignalTargetSerial
{
    public const string Name = "SignalTarget processes";
}
