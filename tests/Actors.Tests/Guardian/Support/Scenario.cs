using System.Globalization;
using System.Text;

namespace ActorShutdown.Tests.Guardian.Support;

/// <summary>What a scenario actor does.</summary>
public enum ScenarioKind
{
    /// <summary>No Cancel handler: the first request stops it.</summary>
    Idle,

    /// <summary>Swallows <see cref="ScenarioNode.Swallow"/> cancel requests (Chaos.SwallowsCancels; int.MaxValue: Chaos.IgnoresCancel).</summary>
    Resister,

    /// <summary>A cleanup of <see cref="ScenarioNode.Duration"/> on its first Cancel (Chaos.SlowCleanup).</summary>
    SlowCleanup,

    /// <summary>Its PostStop throws (Chaos.ThrowsInCleanup).</summary>
    Thrower,

    /// <summary>Blocked on its thread from before the shutdown (Chaos.BlocksThread).</summary>
    Blocker,

    /// <summary>Creates children when cancelled (Chaos.SpawnsChildrenWhileStopping).</summary>
    Spawner,

    /// <summary>Stops by itself <see cref="ScenarioNode.Duration"/> after its start, swallowing cancels (Chaos.FinishesAt).</summary>
    Finisher,

    /// <summary>A job of <see cref="ScenarioNode.Duration"/> then <see cref="ScenarioNode.Messages"/> queued messages (<see cref="Worker"/>).</summary>
    Worker,

    /// <summary>Has children; swallows <see cref="ScenarioNode.Swallow"/> cancel requests (<see cref="Parent"/>).</summary>
    Parent,
}

/// <summary>How a scenario actor is protected.</summary>
public enum ScenarioProtection { None, Shield, Exclude, ShieldedPath, ExcludedPath }

/// <summary>One actor of a scenario, with its children.</summary>
public sealed record ScenarioNode(string Path, ScenarioKind Kind, int Swallow, TimeSpan Duration, int Messages,
    ScenarioProtection Protection, TimeSpan? Bound, IReadOnlyList<ScenarioNode> Children)
{
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public IEnumerable<ScenarioNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);

    public bool Shielded => Protection is ScenarioProtection.Shield or ScenarioProtection.ShieldedPath;

    public bool Excluded => Protection is ScenarioProtection.Exclude or ScenarioProtection.ExcludedPath;
}

/// <summary>
/// A random shutdown scenario, entirely determined by its seed: a small tree of actors of mixed kinds (the chaos
/// kit's and the tests' own), some shielded (bounded or not), some excluded, by call or by path pattern, and the
/// guardian's settings and the shutdown's reason.
/// </summary>
public sealed class Scenario
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private Scenario(int seed, IReadOnlyList<ScenarioNode> roots, string escalation, TimeSpan? shieldTimeout, int reason)
    {
        Seed = seed;
        Roots = roots;
        Escalation = escalation;
        ShieldTimeout = shieldTimeout;
        Reason = reason;
    }

    public int Seed { get; }

    public IReadOnlyList<ScenarioNode> Roots { get; }

    public IEnumerable<ScenarioNode> Nodes => Roots.SelectMany(r => r.SelfAndDescendants());

    public string Escalation { get; }

    /// <summary><c>shield-timeout</c>; null for infinite.</summary>
    public TimeSpan? ShieldTimeout { get; }

    /// <summary>0: Run(Unknown), 1: Run(SIGINT), 2: Run(SIGTERM), 3: Terminate().</summary>
    public int Reason { get; }

    public string Hocon
    {
        get
        {
            var shielded = Nodes.Where(n => n.Protection == ScenarioProtection.ShieldedPath).Select(n => Quote(n.Path));
            var excluded = Nodes.Where(n => n.Protection == ScenarioProtection.ExcludedPath).Select(n => Quote(n.Path));
            return $$"""
                actors.log-dead-letters = off
                actors.coordinated-shutdown {
                  run-by-signals = off
                  run-by-process-exit = off
                  phases.service-requests-done.timeout = 8s
                  phases.service-stop.timeout = 10s
                  phases.actor-system-terminate.timeout = 5s
                }
                actors.shutdown-guardian {
                  cancel-interval = 500ms
                  max-cancel-attempts = 3
                  escalation = {{Escalation}}
                  escalation-timeout = 1s
                  shield-timeout = {{(ShieldTimeout is { } t ? $"{t.TotalMilliseconds}ms" : "infinite")}}
                  shielded-paths = [{{string.Join(", ", shielded)}}]
                  excluded-paths = [{{string.Join(", ", excluded)}}]
                }
                """;
        }
    }

    /// <summary>The scenario of <paramref name="seed"/>.</summary>
    public static Scenario Generate(int seed)
    {
        var random = new Random(seed);
        var budget = random.Next(2, 13);   // actors, at most
        var blockers = random.Next(8) == 0 ? 1 : 0;
        var roots = new List<ScenarioNode>();
        var count = 0;
        for (var i = 0; count < budget && i < random.Next(1, 5); i++)
            roots.Add(Node(random, $"/user/a{i}", depth: 0, ref count, budget, ref blockers));
        var escalation = random.Next(2) == 0 ? "kill" : "stop";
        TimeSpan? shieldTimeout = random.Next(4) == 0 ? Tick * random.Next(5, 60) : null;
        return new Scenario(seed, roots, escalation, shieldTimeout, random.Next(4));
    }

    private static ScenarioNode Node(Random random, string path, int depth, ref int count, int budget, ref int blockers)
    {
        count++;
        var protection = random.Next(100) switch
        {
            < 65 => ScenarioProtection.None,
            < 77 => ScenarioProtection.Shield,
            < 83 => ScenarioProtection.Exclude,
            < 92 => ScenarioProtection.ShieldedPath,
            _ => ScenarioProtection.ExcludedPath,
        };
        TimeSpan? bound = protection == ScenarioProtection.Shield && random.Next(2) == 0 ? Tick * random.Next(5, 60) : null;
        if (depth < 3 && count < budget && random.Next(10) < 3)
        {
            var children = new List<ScenarioNode>();
            for (var i = 0; count < budget && i < random.Next(1, 4); i++)
                children.Add(Node(random, $"{path}/c{i}", depth + 1, ref count, budget, ref blockers));
            return new ScenarioNode(path, ScenarioKind.Parent, Swallow(random), TimeSpan.Zero, 0, protection, bound, children);
        }
        var kind = (ScenarioKind)random.Next((int)ScenarioKind.Parent);
        // One blocked actor at most (it holds a thread-pool thread until it is abandoned).
        if (kind == ScenarioKind.Blocker && blockers == 0) kind = ScenarioKind.Worker;
        if (kind == ScenarioKind.Blocker) blockers--;
        var duration = kind switch
        {
            ScenarioKind.SlowCleanup => Tick * random.Next(1, 15),
            ScenarioKind.Finisher => Tick * random.Next(1, 60),
            ScenarioKind.Worker => Tick * random.Next(0, 40),
            _ => TimeSpan.Zero,
        };
        var messages = kind == ScenarioKind.Worker ? random.Next(0, 30) : 0;
        return new ScenarioNode(path, kind, Swallow(random), duration, messages, protection, bound, []);
    }

    private static int Swallow(Random random) => random.Next(6) switch { 0 => int.MaxValue, var n => n - 1 };

    private static string Quote(string path) => $"\"{path}\"";

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scenario {Seed}: escalation {Escalation}, shield-timeout {ShieldTimeout?.ToString() ?? "infinite"}, reason #{Reason}");
        foreach (var node in Nodes)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {node.Path}: {node.Kind}");
            if (node.Kind is ScenarioKind.Resister or ScenarioKind.Parent or ScenarioKind.Worker) text.Append(CultureInfo.InvariantCulture, $" swallow {(node.Swallow == int.MaxValue ? "all" : node.Swallow)}");
            if (node.Duration > TimeSpan.Zero) text.Append(CultureInfo.InvariantCulture, $" {node.Duration.TotalSeconds}s");
            if (node.Messages > 0) text.Append(CultureInfo.InvariantCulture, $" {node.Messages} messages");
            if (node.Protection != ScenarioProtection.None) text.Append(CultureInfo.InvariantCulture, $" [{node.Protection}{(node.Bound is { } b ? $" {b.TotalSeconds}s" : "")}]");
        }
        return text.ToString();
    }
}
