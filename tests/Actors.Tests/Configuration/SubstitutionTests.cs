using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

public class SubstitutionTests
{
    /// <summary>A name no environment defines, so that environment fallback cannot interfere.</summary>
    private static string Undefined() => "ACTORSHUTDOWN_UNDEFINED_" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Substitutions_see_the_final_value_and_keep_its_type()
    {
        var config = Load("""
            a = ${b.c}
            b.c = 1
            b.c = 2
            list = [${b.c}, ${o}]
            o { x = 1 }
            """);
        JsonTree.AssertEqual("""{"a":2,"b":{"c":2},"list":[2,{"x":1}],"o":{"x":1}}""", config);
    }

    [Fact]
    public void Substitutions_concatenate_into_strings()
    {
        var config = Load("""
            name = world
            greeting = hello ${name}"!"
            path = ${name}/${name}
            n = null
            joined = a${n}b
            """);
        Assert.Equal("hello world!", config.GetString("greeting"));
        Assert.Equal("world/world", config.GetString("path"));
        Assert.Equal("ab", config.GetString("joined"));   // a null substitution joins as ""
    }

    [Fact]
    public void Object_substitutions_merge_with_objects_next_to_them() =>
        JsonTree.AssertEqual("""{"base":{"a":1,"b":1},"derived":{"a":1,"b":2,"c":3}}""",
            Load("base { a = 1, b = 1 }\nderived = ${base} { b = 2 } { c = 3 }"));

    [Fact]
    public void An_object_may_refer_to_its_own_fields() =>
        JsonTree.AssertEqual("""{"bar":{"foo":42,"baz":42}}""", Load("bar : { foo : 42, baz : ${bar.foo} }"));

    [Fact]
    public void Optional_substitutions_that_are_undefined_disappear()
    {
        var name = Undefined();
        var config = Load($$"""
            a = ${?{{name}}}
            b = [1, ${?{{name}}}, 2]
            c = x${?{{name}}}y
            d = 1
            d = ${?{{name}}}
            """);
        JsonTree.AssertEqual("""{"b":[1,2],"c":"xy","d":1}""", config);
        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void Missing_values_fall_back_to_environment_variables()
    {
        var name = "ACTORSHUTDOWN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = Load($$"""
                a = ${{{name}}}
                b = ${?{{name}}}
                """);
            Assert.Equal("from-env", config.GetString("a"));
            Assert.Equal("from-env", config.GetString("b"));
            // A value in the configuration, even null, hides the environment.
            Assert.Equal("mine", Load($"{name} = mine\na = ${{{name}}}").GetString("a"));
            Assert.False(Load($"{name} = null\na = ${{{name}}}").HasPath("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Self_references_see_the_earlier_value()
    {
        var config = Load("""
            path = "/bin"
            path = ${path}":/usr/bin"
            list = [1]
            list = ${list} [2]
            obj { a = 1 }
            obj = ${obj} { b = 2 }
            """);
        JsonTree.AssertEqual("""{"path":"/bin:/usr/bin","list":[1,2],"obj":{"a":1,"b":2}}""", config);
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_uses_the_environment()
    {
        var name = "ACTORSHUTDOWN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "/bin");
        try
        {
            Assert.Equal("/bin:/opt", Load($"{name} = ${{{name}}}\":/opt\"").GetString(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Optional_self_reference_without_an_earlier_value_is_absent() =>
        JsonTree.AssertEqual("""{"b":["x"]}""", Load("a = ${?a}\nb = ${?b} [x]"));

    [Fact]
    public void Plus_equals_appends_to_the_earlier_list_or_starts_one()
    {
        var config = Load("""
            a += 1
            a += 2
            b = [0]
            b += 1
            nested { c = [x] }
            nested { c += y }
            """);
        JsonTree.AssertEqual("""{"a":[1,2],"b":[0,1],"nested":{"c":["x","y"]}}""", config);
    }

    [Fact]
    public void Substitutions_resolve_against_the_merged_configuration()
    {
        var app = ConfigurationFactory.ParseString("timeout = ${defaults.timeout}\nlist = ${list} [app]\nopt = ${?defaults.extra}");
        var defaults = ConfigurationFactory.ParseString("defaults.timeout = 5s\nlist = [ref]\ndefaults.extra = 1");
        var merged = app.WithFallback(defaults);
        Assert.Equal(TimeSpan.FromSeconds(5), merged.GetTimeSpan("timeout"));
        Assert.Equal(["ref", "app"], merged.GetStringList("list"));
        Assert.Equal(1, merged.GetInt("opt"));
    }

    [Fact]
    public void A_fallbacks_substitutions_see_the_overrides()
    {
        var app = ConfigurationFactory.ParseString("base = 10s");
        var defaults = ConfigurationFactory.ParseString("base = 1s\nderived = ${base}");
        Assert.Equal(TimeSpan.FromSeconds(10), app.WithFallback(defaults).GetTimeSpan("derived"));
    }

    [Fact]
    public void A_later_object_definition_sees_the_earlier_fields() =>
        JsonTree.AssertEqual("""{"x":{"a":1},"foo":{"a":1,"b":1}}""", Load("x { a = 1 }\nfoo = ${x}\nfoo = { b = ${foo.a} }"));

    [Fact]
    public void Substitution_chains_resolve()
    {
        // 1,000 links: within the resolver's limit of 1,024 keys in resolution at once.
        var lines = Enumerable.Range(0, 1000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k1000 = done");
        Assert.Equal("done", Load(string.Join('\n', lines)).GetString("k0"));
    }

    [Fact]
    public void Missing_substitution_names_the_path_and_where_it_was_used()
    {
        var name = Undefined();
        var error = FailsAt($"a {{\n  b = 1\n  c = x ${{{name}.y}}\n}}", 3, 9, $"${{{name}.y}}", "'a.c'", $"no '{name}.y'");
        Assert.Contains("environment variable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_are_errors_naming_the_keys()
    {
        FailsAt("a = ${b}\nb = ${a}", 2, 5, "cycle", "'a' -> 'b' -> 'a'");
        FailsAt("a = { b = ${a} }", 1, 11, "cycle", "'a' -> 'a.b' -> 'a'");
        FailsAt("a = ${a.b}", 1, 5, "cycle");
        FailsAt("a = ${?b}\nb = ${?c}\nc = ${?a}", 3, 5, "cycle", "'a' -> 'b' -> 'c' -> 'a'");
    }

    [Fact]
    public void A_self_reference_with_nothing_earlier_is_an_error() =>
        FailsAt("x = 1\nundefined-self-reference-key = ${undefined-self-reference-key}", 2, 32,
            "refers to the key being defined", "no earlier value");
}
