namespace ActorShutdown;

/// <summary>
/// The hand-off stop message of the regions started through ActorShutdown: it never reaches an entity. The entity's
/// mailbox (<see cref="HandOffMessageQueue"/>) turns it, as it arrives, into a cancel request — or into the region's
/// own stop message when <c>cancel-sharded-entities</c> is off.
/// </summary>
internal sealed class HandOffCancel
{
    public HandOffCancel(object stopMessage) => StopMessage = stopMessage;

    /// <summary>What the entity gets instead when <c>cancel-sharded-entities</c> is off.</summary>
    public object StopMessage { get; }
}
