namespace ActorShutdown;

/// <summary>
/// Async handlers. While a handler's task is pending the actor takes no ordinary message; the handler's
/// continuations are posted to the actor's system queue and run by its mailbox, so they never overlap with
/// anything else the actor does.
/// </summary>
internal sealed partial class ActorCell
{
    private Task? _asyncTask;

    /// <summary>The context async handlers run under (created on the first async handler).</summary>
    internal SynchronizationContext SynchronizationContext => Rare.SynchronizationContext ??= new ActorSynchronizationContext(this);

    private void RunAsActor(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception ex)
        {
            // Only an async void method lets an exception escape its continuation.
            HandleInvokeException(ex, _rare?.AsyncMessage);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void OnAsyncHandlerCompleted(Task task)
    {
        var message = _rare?.AsyncMessage;
        _asyncTask = null;
        _rare?.AsyncMessage = null;
        if (!task.IsCompletedSuccessfully)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                HandleInvokeException(ex, message);
            }
        }
        _sender = null;
        if (_state == Terminating) TryFinishTerminate();
    }

    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => cell.EnqueueSystem(new RunContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send to an actor's context would deadlock; use Post.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
