using System.Diagnostics;
using System.Text;
using ActorShutdown.Configuration;
using Xunit.Abstractions;

namespace ActorShutdown.Tests.Configuration;

/// <summary>
/// Hostile and broken input: only <see cref="ConfigurationException"/> may escape, nothing may
/// hang (each document gets a generous bound, not a timing assertion), and nothing may overflow
/// the stack.
/// </summary>
public class RobustnessTests(ITestOutputHelper output)
{
    private const int Seed = 20251121;
    private const int Mutants = 3000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private static readonly string[] Insertions = ["{", "}", "[", "]", "\"", "${", "${?", "\"\"\"", "=", ":", ",", "\n", " ", "#", "//", "+=", ".", "\\", "include "];

    [Fact]
    public async Task Thousands_of_mutations_of_reference_conf_fail_only_with_ConfigurationException()
    {
        var original = File.ReadAllText(RepositoryPaths.ReferenceConf);
        var random = new Random(Seed);
        var mutants = Enumerable.Range(0, Mutants).Select(_ => Mutate(original, random)).ToArray();
        output.WriteLine($"seed {Seed}, {Mutants} mutants of reference.conf");

        // One worker runs the mutants in turn; this thread watches that none of them runs past the bound.
        var outcomes = new Exception?[Mutants];
        var gate = new object();
        var (current, startedAt) = (-1, 0L);
        var worker = Task.Run(() =>
        {
            for (var i = 0; i < Mutants; i++)
            {
                lock (gate) (current, startedAt) = (i, Stopwatch.GetTimestamp());
                try { Exercise(mutants[i]); }
                catch (Exception e) { outcomes[i] = e; }
            }
        });
        while (await Task.WhenAny(worker, Task.Delay(50)) != worker)
        {
            lock (gate)
            {
                Assert.False(current >= 0 && Stopwatch.GetElapsedTime(startedAt) > Bound,
                    $"seed {Seed}, mutant {current} did not finish within {Bound}\n--- mutant ---\n{(current >= 0 ? mutants[current] : "")}");
            }
        }

        for (var i = 0; i < Mutants; i++)
        {
            Assert.True(outcomes[i] is null or ConfigurationException, $"seed {Seed}, mutant {i}: {outcomes[i]}\n--- mutant ---\n{mutants[i]}");
        }
        var rejected = outcomes.Count(e => e is not null);
        output.WriteLine($"{rejected} mutants rejected with ConfigurationException, {Mutants - rejected} accepted");
        Assert.InRange(rejected, Mutants / 10, Mutants);   // the edits really do break documents
    }

    /// <summary>Parses, resolves, and reads every setting, as an actor system would at start.</summary>
    private static void Exercise(string text)
    {
        var config = ConfigurationFactory.ParseString(text).WithFallback(ConfigurationFactory.Default());
        _ = config.Root;
        ActorSystemSettings.FromConfig(config);
        CoordinatedShutdownSettings.FromConfig(config);
        ShutdownGuardianSettings.FromConfig(config);
        TestKitSettings.FromConfig(config);
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(7))
            {
                case 0: sb.Remove(at, 1); break;
                case 1: sb.Insert(at, (char)random.Next(32, 127)); break;
                case 2: sb.Insert(at, sb[at]); break;
                case 3 when at + 1 < sb.Length: (sb[at], sb[at + 1]) = (sb[at + 1], sb[at]); break;
                case 4: sb.Length = at; break;
                default: sb.Insert(at, Insertions[random.Next(Insertions.Length)]); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Asserts that <paramref name="action"/> throws a ConfigurationException with the fragment, within the bound.</summary>
    private static async Task FailsBounded(Action action, string fragment)
    {
        var task = Task.Run(action);
        Assert.True(await Task.WhenAny(task, Task.Delay(Bound)) == task, $"did not finish within {Bound}");
        var error = Assert.IsType<ConfigurationException>(task.Exception?.InnerException);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    private static void Resolve(string text) => _ = ConfigurationFactory.ParseString(text).Root;

    [Fact]
    public async Task Hundred_thousand_brackets_or_braces()
    {
        await FailsBounded(() => Resolve("a = " + new string('[', 100_000)), "nest more than 512 levels deep");
        await FailsBounded(() => Resolve(new string('{', 100_000)), "expected a key, found '{'");
        await FailsBounded(() => Resolve("a " + string.Concat(Enumerable.Repeat("{ b ", 100_000))), "nest more than 512 levels deep");
        await FailsBounded(() => Resolve("a = " + string.Concat(Enumerable.Repeat("{ b = [", 50_000))), "nest more than 512 levels deep");
    }

    [Fact]
    public async Task Hundred_thousand_element_path_keys()
    {
        await FailsBounded(() => Resolve(string.Join('.', Enumerable.Repeat("a", 100_000)) + " = 1"), "nest more than 512 levels deep");
        await FailsBounded(() => Resolve("x = ${" + string.Join('.', Enumerable.Repeat("a", 100_000)) + "}"), "could not resolve");

        var properties = Path.Combine(Path.GetTempPath(), $"actorshutdown-{Guid.NewGuid():N}.properties");
        File.WriteAllText(properties, string.Join('.', Enumerable.Repeat("a", 100_000)) + "=1");
        try
        {
            await FailsBounded(() => _ = ConfigurationFactory.ParseFile(properties).Root, "more than 512 elements");
        }
        finally
        {
            File.Delete(properties);
        }
    }

    [Fact]
    public async Task Substitutions_cannot_build_values_nested_beyond_the_limit()
    {
        var lines = Enumerable.Range(1, 600).Select(i => $"a{i} = {{ x = ${{a{i - 1}}} }}").Prepend("a0 = {}");
        await FailsBounded(() => Resolve(string.Join('\n', lines)), "nest more than 512 levels deep");
    }

    [Fact]
    public async Task A_substitution_chain_longer_than_the_limit_fails_cleanly()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k2000 = done");
        await FailsBounded(() => Resolve(string.Join('\n', lines)), "substitutions nest more than 1024 keys deep");
    }

    /// <summary>Below the explicit limits, a thread with little stack still gets an exception, not a crash.</summary>
    [Fact]
    public async Task Resolving_on_a_small_stack_fails_cleanly()
    {
        var text = string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k1000 = done"));
        var outcome = new TaskCompletionSource<Exception?>();
        var thread = new Thread(() =>
        {
            try { Resolve(text); outcome.SetResult(null); }
            catch (Exception e) { outcome.SetResult(e); }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        Assert.True(await Task.WhenAny(outcome.Task, Task.Delay(Bound)) == outcome.Task, $"did not finish within {Bound}");
        var error = Assert.IsType<ConfigurationException>(await outcome.Task);
        Assert.Contains("nests too deeply to process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Substitutions_that_double_a_value_are_stopped()
    {
        var strings = Enumerable.Range(1, 60).Select(i => $"s{i} = ${{s{i - 1}}}${{s{i - 1}}}").Prepend("s0 = abcdefgh");
        await FailsBounded(() => Resolve(string.Join('\n', strings)), "builds more than");
        var lists = Enumerable.Range(1, 60).Select(i => $"l{i} = ${{l{i - 1}}} ${{l{i - 1}}}").Prepend("l0 = [1, 2]");
        await FailsBounded(() => Resolve(string.Join('\n', lists)), "builds more than");
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}", "cycle")]
    [InlineData("a = ${a}", "refers to the key being defined")]
    [InlineData("a { b = ${a} }", "cycle")]
    [InlineData("a = [${a}]", "refers to the key being defined")]
    [InlineData("a = ${b.c}\nb = { c = ${a} }", "cycle")]
    public Task Substitution_cycles(string text, string fragment) => FailsBounded(() => Resolve(text), fragment);
}
