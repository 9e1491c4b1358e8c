using System.Globalization;
using System.Text;

namespace ActorShutdown.Tests.Guardian.Scenarios;

/// <summary>
/// A random shutdown scenario, entirely determined by its seed: a small tree of 2 to 12 actors of mixed kinds, some
/// shielded (bounded or not) or excluded, by a call on the guardian or by a path in the config, and the guardian's
/// escalation and shield timeout and the shutdown's reason.
/// </summary>
public sealed class Scenario
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private Scenario(int seed, IReadOnlyList<ScenarioNode> roots, string escalation, TimeSpan? shieldTimeout, ScenarioReason reason)
    {
        Seed = seed;
        Roots = roots;
        Escalation = escalation;
        ShieldTimeout = shieldTimeout;
        Reason = reason;
    }

    public int Seed { get; }

    public IReadOnlyList<ScenarioNode> Roots { get; }

    /// <summary>Every actor, parents before their children.</summary>
    public IEnumerable<ScenarioNode> Nodes => Roots.SelectMany(r => r.SelfAndDescendants());

    /// <summary><c>escalation</c>: "stop" or "kill".</summary>
    public string Escalation { get; }

    /// <summary><c>shield-timeout</c>; null for infinite.</summary>
    public TimeSpan? ShieldTimeout { get; }

    public ScenarioReason Reason { get; }

    /// <summary>
    /// The system's configuration. The cancel schedule (3 × 500 ms + 1 s) fits the cancel phase's 8 s; the shield phase
    /// has 10 s, more than the longest job (4 s) and shield bound (6 s); the phases without work of their own get 2 s.
    /// The log goes to the journal only (no logger prints it).
    /// </summary>
    public string Hocon
    {
        get
        {
            var shielded = Nodes.Where(n => n.Protection == ScenarioProtection.ShieldedPath).Select(n => $"\"{n.Path}\"");
            var excluded = Nodes.Where(n => n.Protection == ScenarioProtection.ExcludedPath).Select(n => $"\"{n.Path}\"");
            return $$"""
                akka.loggers = []
                akka.loglevel = INFO
                akka.stdout-loglevel = OFF
                akka.log-dead-letters = off
                akka.coordinated-shutdown {
                  default-phase-timeout = 2s
                  phases.service-requests-done.timeout = 8s
                  phases.service-stop.timeout = 10s
                  phases.actor-system-terminate.timeout = 5s
                }
                akka.shutdown-guardian {
                  cancel-interval = 500ms
                  max-cancel-attempts = 3
                  escalation = {{Escalation}}
                  escalation-timeout = 1s
                  shield-timeout = {{(ShieldTimeout is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds}ms") : "infinite")}}
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
        return new Scenario(seed, roots, escalation, shieldTimeout, (ScenarioReason)random.Next(4));
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
        // One blocked actor at most: it holds a thread-pool thread until the run releases it.
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

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scenario {Seed}: reason {Reason}, escalation {Escalation}, shield-timeout {ShieldTimeout?.ToString() ?? "infinite"}");
        foreach (var node in Nodes)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {node.Path}: {node.Kind}");
            if (node.Kind is ScenarioKind.Resister or ScenarioKind.Parent or ScenarioKind.Worker)
                text.Append(CultureInfo.InvariantCulture, $" swallow {(node.Swallow == int.MaxValue ? "all" : node.Swallow)}");
            if (node.Duration > TimeSpan.Zero) text.Append(CultureInfo.InvariantCulture, $" {node.Duration.TotalSeconds}s");
            if (node.Messages > 0) text.Append(CultureInfo.InvariantCulture, $" {node.Messages} messages");
            if (node.Protection != ScenarioProtection.None)
                text.Append(CultureInfo.InvariantCulture, $" [{node.Protection}{(node.Bound is { } b ? $" {b.TotalSeconds}s" : "")}]");
        }
        return text.ToString();
    }
}
