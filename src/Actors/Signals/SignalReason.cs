using System.Runtime.InteropServices;
using Akka.Actor;

namespace ActorShutdown;

/// <summary>The reason of a coordinated shutdown started by a termination signal.</summary>
public sealed class SignalReason : CoordinatedShutdown.Reason
{
    /// <summary>A reason naming <paramref name="signal"/>.</summary>
    /// <param name="signal">The signal that started the shutdown.</param>
    public SignalReason(PosixSignal signal) => Signal = signal;

    /// <summary>The signal that started the shutdown.</summary>
    public PosixSignal Signal { get; }

    /// <summary>0: a signal asks for a graceful stop.</summary>
    public override int ExitCode => 0;

    /// <summary>The signal's name, such as <c>SIGTERM</c>.</summary>
    public override string ToString() => Signal.ToString();
}
