using Akka.Actor;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// The seed: one worker is busy; it is cancelled, swallows the cancellation and starts a slow cleanup; it is cancelled
/// again, which cuts the cleanup short, and it ends cancelled after 2 requests. Here the second request is the
/// guardian's re-send, one <c>cancel-interval</c> (4 s) after the first; the cleanup would take 20 s.
/// </summary>
internal static class ForceCancelScenario
{
    public static async Task<int> RunAsync(ScenarioClock clock, TextWriter output)
    {
        output.WriteLine("scenario force-cancel: one worker swallows the first cancel and starts a slow cleanup; the second cancel ends it");
        output.WriteLine($"  {clock.Note}");
        var story = new Story(output, clock);
        var system = ActorSystem.Create("force-cancel", ScenarioConfig.For(clock.Real(4), attempts: 3));
        var guardian = ShutdownGuardian.Get(system);
        clock.Restart();
        var worker = system.ActorOf(Props.Create(() => new Swallower(story, clock)), "worker");
        await Task.Delay(clock.Real(1)).ConfigureAwait(false);
        story.Say("the shutdown starts: the worker gets cancel request 1");
        _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);
        var report = await guardian.Report.ConfigureAwait(false);

        var outcome = report.For(worker);
        output.WriteLine($"  the worker ended {outcome?.Fate.ToString().ToLowerInvariant() ?? "(not in the report)"} after {outcome?.CancelAttempts ?? 0} cancel request(s); " +
            $"its work {(story.WorkFinished ? "finished" : "never finished")}, its cleanup {(story.CleanupFinished ? "finished" : "was cut short")}");
        var problems = new List<string>();
        if (outcome is not { CancelAttempts: 2, Fate: ActorFate.Stopped }) problems.Add($"expected stopped after 2 attempts, found {outcome?.Fate} after {outcome?.CancelAttempts}");
        if (story.WorkFinished || story.CleanupFinished) problems.Add("the work or the cleanup should have been cut short");
        return Verdict.Print(output, problems, "the worker swallowed the first cancel and ended after 2 attempts");
    }

    private sealed class Story(TextWriter output, ScenarioClock clock)
    {
        public bool WorkFinished { get; set; }
        public bool CleanupFinished { get; set; }

        public void Say(string what) => output.WriteLine($"  {ScenarioClock.S(clock.Now)}  {what}");
    }

    private sealed class Swallower : CancellableReceiveActor
    {
        public Swallower(Story story, ScenarioClock clock)
        {
            ReceiveAsync<string>(async _ =>
            {
                story.Say("the worker starts its work (30 s)");
                await Task.Delay(clock.Real(30), Context.CancellationToken).ConfigureAwait(true);
                story.WorkFinished = true;
            });
            ReceiveAsync<Cancel>(async cancel =>
            {
                story.Say($"cancel request {cancel.Attempt} arrives: the work is interrupted; the worker swallows the cancel and starts a slow cleanup (20 s)");
                try
                {
                    // The cleanup awaits the fresh token it got with this Cancel: the next request cuts it short.
                    await Task.Delay(clock.Real(20), Context.CancellationToken).ConfigureAwait(true);
                    story.CleanupFinished = true;
                    Context.Stop(Self);
                }
                catch (OperationCanceledException)
                {
                    story.Say("the next cancel request cuts the cleanup short: the worker gives up and ends cancelled");
                    throw;
                }
            });
        }

        protected override void PreStart() => Self.Tell("work", Self);
    }
}
