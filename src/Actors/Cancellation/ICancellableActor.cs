namespace ActorShutdown;

/// <summary>
/// The actors with the full cancellation model (<see cref="CancellableReceiveActor"/>,
/// <see cref="CancellableUntypedActor"/>): they keep their cell's <see cref="CancellationState"/> in a field so that
/// their message path needs one null check, not a table lookup.
/// </summary>
internal interface ICancellableActor
{
    /// <summary>The cell's state; null until its token is first read or a cancel request is made.</summary>
    CancellationState? Cancellation { get; set; }
}
